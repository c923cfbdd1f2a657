"""The county's data loop: school and county forms in, official tables out, rectification.

- :func:`collect` reads filled vertical forms (the layout a public inspection system sends
  to schools and districts, and the one :func:`write_template` writes) into one school
  table and the county inputs, with a review log that returns every form with a defect;
- :func:`write_template` writes the blank forms for a standard's needs;
- :func:`rectification` lists every miss as an item of the rectification register (整改台账)
  and, given last year's register (:func:`read_register`), marks each closed, open or new.
"""

from eduequity.forms.collect import Collected, FormStatus, collect
from eduequity.forms.reading import FormDefect
from eduequity.forms.register import Register, RegisterItem, rectification
from eduequity.forms.register_xlsx import read_register, write_register
from eduequity.forms.template import write_template

__all__ = [
    "Collected",
    "FormDefect",
    "FormStatus",
    "Register",
    "RegisterItem",
    "collect",
    "read_register",
    "rectification",
    "write_register",
    "write_template",
]
