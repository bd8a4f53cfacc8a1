"""Ventanilla Única Ecuatoriana (VUE): permit requests to control institutions, their fees,
origin declarations and supporting documents."""
