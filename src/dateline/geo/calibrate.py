"""From a resolution to a calibrated score: the probability that the place is right (within 161 km).

A logistic mapping of a few facts about the decision: the chosen candidate's share of the resolver's
probability mass (as a logit), where the mention came from (the model's place entity, a name inside an
organisation's, the gazetteer alone, a demonym, a qualifier, the dateline) and the kind of place. The
coefficients were fitted (:func:`dateline.geo.learn.fit_logistic`) on the end-to-end predictions of the
LGL dev half that overlap a gold toponym, and checked on TR-News and GeoWebNews (see the evaluation).
"""

from __future__ import annotations

import math

from .recognize import Mention
from .resolve import Resolution

COEFFICIENTS: dict[str, float] = {
    "feature_admin1": 0.47, "feature_admin2": -0.118, "feature_city": 0.215, "feature_continent": 0.01,
    "feature_country": 0.104, "feature_region": -0.576, "intercept": 0.104, "share_logit": 0.383,
    "source_demonym": 0.089, "source_embedded": -0.218, "source_gazetteer": 0.159, "source_model": 0.118,
    "source_qualifier": -0.043, "weak": -0.013,
}


def features(mention: Mention, res: Resolution) -> dict[str, float]:
    """The facts the mapping reads."""
    cand = res.candidate
    assert cand is not None
    share = min(max(res.share, 1e-4), 1 - 1e-4)
    return {
        "intercept": 1.0,
        "share_logit": math.log(share / (1 - share)),
        f"feature_{cand.feature}": 1.0,
        f"source_{mention.source}": 1.0,
        "weak": float(mention.weak),
    }


def probability(mention: Mention, res: Resolution) -> float:
    z = sum(COEFFICIENTS.get(name, 0.0) * value for name, value in features(mention, res).items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
