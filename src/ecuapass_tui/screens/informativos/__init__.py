"""Servicios Informativos screens: 2.4.1 Puntos de vista de RUC and 2.6 Catálogos."""
