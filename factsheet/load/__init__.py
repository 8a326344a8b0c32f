"""Stage 1, load: a sheet folder's files read into positioned data, and what the build read."""
