"""The Relationships Map (issue 21): the map, its directory, the network, fellow travellers and the data for reuse."""
