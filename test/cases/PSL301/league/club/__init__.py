"""Club management: teams, players and season orders."""
