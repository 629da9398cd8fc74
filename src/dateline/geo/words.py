"""The English words recognition reads around and inside names: general word lists, no place names."""

from __future__ import annotations

# Words before a bare name that make it a place ("in Smithville", "near the town of ...").
PLACE_PREPS = frozenset("in at from near to into toward towards outside around across via".split())
# Nouns before "of X" that make X a place ("the town of X").
PLACE_NOUNS = frozenset("town city village province district region county capital suburb port island state "
                        "governorate municipality outskirts".split())
# Words after a name that make it an area's ("the Riverdale area", "the Haram district").
AREA_NOUNS = frozenset("area areas neighborhood neighbourhood district suburb suburbs region".split())
# People and local bodies named by their town written before them ("an Alexandria woman", "Winona police").
RESIDENT_NOUNS = frozenset("""man woman men women boy girl teen teenager couple family families resident residents
    native natives police officials firefighters voters schools""".split())
# Words after a town's name inside an organisation's name that make the organisation the town's own body
# ("Mount Pleasant Police Department", "Cookville Fire Chief", "Dublin City Schools", "Salem Town Council").
LOCAL_BODIES = frozenset("""police fire sheriff sheriff's council township schools city town village municipal board
    mayor superintendent selectmen aldermen public""".split())
# Words that name a kind of place, a direction or a building, never a place by themselves.
GENERIC = frozenset("""street st road rd avenue ave boulevard blvd lane drive way highway route square place court
    church cathedral chapel temple mosque synagogue tower college school academy university institute library
    hall house inn hotel hospital clinic center centre park garden gardens bridge river lake creek canal
    railroad railway station airport port harbor harbour estate wing quarter district market mall plaza field
    fields stadium arena museum gallery theatre theater club office building county city town village state
    north south east west central northern southern eastern western upper lower new old great little
    saint rue northwest northeast southwest southeast middle metro forest valley hills hill island islands
    dunes police mount lakes springs beach bay heights gulf coast january february march april may june july
    august september october november december monday tuesday wednesday thursday friday saturday sunday""".split())
# Words after a name that make it (with them) a street's name: "Darby Street" is not in Darby.
STREET_WORDS = frozenset("street st road rd avenue ave boulevard blvd lane ln drive way pike parkway pkwy terrace"
                         .split())
# Words after a name that make it (with them) a neighbourhood's, an estate's or a stream's: "Hampton Hills",
# "Madison Creek" the gazetteer lacks are not in Hampton or Madison.
NEIGHBOURHOOD_WORDS = frozenset("hills heights oaks woods estates ridge meadows acres creek commons crossing landing "
                                "manor".split())
# Words after a name that make it a building's or an institution's: "the Webb Center" may be named after a
# person; a town's name before them is a place only where the article supports it.
BUILDING_WORDS = frozenset("""center centre hall school academy college library hospital clinic church chapel
    temple mosque synagogue stadium arena museum gallery theatre theater mall plaza building tower house inn
    hotel""".split())
# Words before a name that make it a person's ("Mr. Lincoln", "Gov. Perry").
HONORIFICS = frozenset("""mr mrs ms miss dr prof gov governor sen senator rep representative rev president judge
    sheriff officer sgt lt col gen capt mayor coach""".split())
