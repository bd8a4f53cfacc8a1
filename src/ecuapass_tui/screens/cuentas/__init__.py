"""Accounts (issue 5): Solicitud del uso, Buscar ID / Reinicio de clave, 3.2.3 and the
convenio, approvals, employee permissions, 3.11.2 Configurar mi página."""
