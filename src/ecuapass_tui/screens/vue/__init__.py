"""Screens of the Ventanilla Única Ecuatoriana: the company side and the institution side."""
