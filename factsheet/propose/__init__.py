"""Proposals: the figures and quotes a saved article states, drafted for an analyst to review."""
