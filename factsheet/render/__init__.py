"""Stage 7, render: the one sandboxed Jinja environment, and a sheet rendered to one HTML page."""
