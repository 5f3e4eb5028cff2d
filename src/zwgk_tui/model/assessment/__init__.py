"""One unit's assessment: the score file, the session that saves every change, the lock,
drift, carrying last year's answers, and submitting (export)."""
