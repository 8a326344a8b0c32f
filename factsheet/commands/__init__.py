"""The commands, each in its own module returning a report; `options` holds what they share."""
