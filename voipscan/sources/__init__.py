"""Sources: readers that turn configs, hosts and captures into facts."""
