"""Pieces of the data build run by ``python -m geodata.build`` (not used at run time)."""
