"""From a resolution to a calibrated score: the probability that the place is right (within 161 km).

A logistic mapping of a few facts about the decision: the chosen candidate's share of the resolver's
probability mass (as a logit), where the mention came from (the model's place entity, a name inside an
organisation's, the gazetteer alone, a demonym, a qualifier, the dateline) and the kind of place. The
coefficients were fitted (:func:`dateline.geo.learn.fit_logistic`) on the end-to-end predictions of the
LGL dev corpus that overlap a gold toponym, and checked on TR-News, GeoWebNews and GeoVirus: in every bin of
at least 30 predictions the share right is within 0.11 of the mean score (Brier 0.070 / 0.073 / 0.061 / 0.131).
"""

from __future__ import annotations

import math

from .recognize import Mention
from .resolve import Resolution

COEFFICIENTS: dict[str, float] = {
    "feature_admin1": 0.121, "feature_admin2": 0.626, "feature_city": 0.123, "feature_continent": 0.006,
    "feature_country": -0.101, "feature_region": -0.602, "intercept": 0.173, "share_logit": 0.413,
    "source_dateline": 0.007, "source_demonym": 0.099, "source_embedded": -0.15, "source_gazetteer": -0.008,
    "source_list": 0.076, "source_model": 0.192, "source_qualifier": -0.044, "weak": 0.012,
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
