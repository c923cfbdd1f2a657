"""The county's data loop: school and county forms in, official tables out, rectification.

- :func:`collect` reads filled vertical forms (the layout a public inspection system sends
  to schools and districts, and the one :func:`write_template` writes) into one school
  table and the county inputs, with a review log that returns every form with a defect;
- :func:`write_template` writes the blank forms for a standard's needs.
"""

from eduequity.forms.collect import Collected, FormStatus, collect
from eduequity.forms.reading import FormDefect

__all__ = ["Collected", "FormDefect", "FormStatus", "collect"]
