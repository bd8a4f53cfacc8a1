"""Mesa de Servicios screens: the user's forms and tickets, the staff's queue and intake."""
