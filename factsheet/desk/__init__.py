"""Desk tools: start a sheet (`factsheet new`), fetch and archive an article."""
