"""Trámites Operativos and SENAE Tracking screens: 2.11, 1.3, 1.6, 2.7, 1.11 and the
staff's MS options for cargo events, CSV import and payment facilities."""
