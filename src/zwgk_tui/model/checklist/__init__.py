"""The checklist: its tree, loading and validation (file:line), scoring rules, the catalogue of
checklists, and what changed between two of them."""

from zwgk_tui.model.checklist.tree import (
    Checklist,
    Node,
    Problem,
    check_checklist,
    load_checklist,
    text_hash,
)

__all__ = ["Checklist", "Node", "Problem", "check_checklist", "load_checklist", "text_hash"]
