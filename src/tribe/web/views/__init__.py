"""Page views, one module per area; every signed-in view is wrapped by ``person_page``."""
