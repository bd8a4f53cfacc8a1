"""Mesa de Servicios: tickets (the user's side and the staff's), numbering and visibility,
routing, service levels, figures and suggestions."""
