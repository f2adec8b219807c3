"""The three checks of a grade: behaviour (hidden tests), security (bandit), quality (radon).

Each module turns its tool's raw output into report items and a 0..1 score with a one-line
summary, and carries the learner-facing explanations that go with it.
"""
