"""One module per CLI command; each imports heavy libraries inside the command body only."""
