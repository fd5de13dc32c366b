"""Recognition: free text -> ESCO skills and occupations, with calibrated scores and evidence spans.

Builds on the taxonomy, text and encoder layers; programmes, paths and reports build on it.
"""

from osaaminen.recognition.evaluation import hit_at_k, reciprocal_rank, rp_at_k, set_scores
from osaaminen.recognition.recogniser import SkillRecogniser

__all__ = ["SkillRecogniser", "hit_at_k", "reciprocal_rank", "rp_at_k", "set_scores"]
