"""timeline: date the events that news articles report and publish them as a chronology site.

The pipeline reads as the package does: ``readers`` (files to articles), ``tagger``
(text to dated expressions), ``events`` (sentences to events), ``chronology``
(ordering, range, eras), ``site`` (themes and exports), ``server`` (live reload).
"""

__version__ = "0.1.0"
