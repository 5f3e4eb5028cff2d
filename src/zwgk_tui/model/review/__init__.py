"""The supervisor's review: which figure counts once an item is reviewed, and the review session."""
