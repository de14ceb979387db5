"""Practice: a short course and role-play for managers (and for team members who lead their own
discussion), with feedback that is specific, honest and private.

The engine is plain Python with no Django, so it can be tested and timed alone:
classifier.py (what kind of line the manager said, on which topics), scenarios.py (the
role-play scenarios, data files checked at load), persona.py (the simulated team member's state
machine), feedback.py (what the manager did well and what to ask instead) and lessons.py (the
course). models.py, services.py and views.py put it in the product; who may see what is decided
in careermap/access.py like everywhere else.
"""
