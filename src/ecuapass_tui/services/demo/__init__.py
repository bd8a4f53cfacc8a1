"""The demo data set: its builders (the sample texts live in data/demo/)."""
