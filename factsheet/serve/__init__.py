"""`factsheet serve`: a live local preview of one sheet (server, watcher, overlay, reload)."""
