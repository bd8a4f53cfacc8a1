"""Servicios Informativos: public look-ups (2.4.1 Puntos de vista de RUC)."""
