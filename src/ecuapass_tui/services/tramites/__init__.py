"""Trámites Operativos: SENAE Tracking, e-documents, their integrity, payment facilities."""
