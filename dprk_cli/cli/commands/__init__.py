"""One module per group of close commands; each has a register(app) function."""
