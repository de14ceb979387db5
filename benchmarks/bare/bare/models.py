from django.db import models


class Row(models.Model):
    """One line of the page: about what a directory row of a people app shows. The page shows
    the text fields only (formatting dates is slow in Django's templates, and the yardstick
    should be the least a page costs)."""

    name = models.CharField(max_length=200)
    email = models.EmailField()
    title = models.CharField(max_length=200)
    team = models.CharField(max_length=200)
    joined = models.DateField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
