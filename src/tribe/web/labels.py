"""Choice labels as they read inside a sentence, for the pages: "my mentor", "paused".

The labels live with their apps and are collected in :mod:`tribe.core.labels` (which
says why a label inside running text is not the lower-cased label); the pages use
:func:`in_sentence` or the ``in_sentence`` template filter wherever one stands in a
sentence. This module only re-exports them under the names the pages know.
"""

from __future__ import annotations

from tribe.core.labels import in_sentence, registered

__all__ = ["IN_SENTENCE", "in_sentence"]

#: For each (model, field) shown in sentences: every value's label in a sentence
#: (a live read-only view: each app registers its table when Django starts).
IN_SENTENCE = registered()
