"""The career-analysis engine: pure Python and NumPy, no Django.

model     the compiled framework (roles, skills, moves) and a person's profile
gaps      one person against one role, with the score explained
ranking   one person against every role; what to aim for next
paths     the ways from one role to another, step by step
bench     everyone in the organisation against one role
"""
