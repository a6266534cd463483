"""mediation: exceptions."""
