"""Hand-built records for store tests (no model): articles, events, quotes and places with offsets."""

from __future__ import annotations

from dateline.records import Actor, Article, Entity, Event, Location, Place, Quote, Record, Span, Speaker, content_id

NAIROBI = (-1.28333, 36.81667)
MOMBASA = (-4.05466, 39.66359)


def article(text: str, *, source: str, published: str = "2025-03-11", url: str | None = None,
            title: str | None = None) -> Article:
    return Article(id=content_id(text), source_id=source, text=text, url=url, title=title or source,
                   published=published, language="en")


def event(art: Article, type_: str, *, actors: tuple[str, ...] = (), recipients: tuple[str, ...] = (),
          where: tuple[float, float] | None = NAIROBI, place: str = "Nairobi", date: str | None = None,
          modality: tuple[str, ...] = (), country: str | None = None) -> Event:
    start = 0
    end = min(len(art.text), 40)
    loc = Location(name=place, geonameid=hash(place) % 10**6, lat=where[0], lon=where[1]) if where else None
    return Event(id=content_id(art.id, type_, *actors, *recipients, place), type=type_,
                 evidence=Span(art.text[start:end], start, end),
                 actors=tuple(Actor(name=a, country=country) for a in actors),
                 recipients=tuple(Actor(name=r) for r in recipients), location=loc,
                 date=date or art.published, modality=modality, confidence=0.8)


def record(art: Article, *events: Event, quotes: tuple[Quote, ...] = (), places: tuple[Place, ...] = (),
           entities: tuple[Entity, ...] = ()) -> Record:
    return Record(article=art, events=events, quotes=quotes, places=places, entities=entities)


def quote(art: Article, text: str, speaker: str) -> Quote:
    start = art.text.index(text)
    return Quote(id=content_id(art.id, text), kind="direct", text=text, start=start, end=start + len(text),
                 spans=((start, start + len(text)),),
                 speaker=Speaker(entity_id=content_id(speaker, length=12), name=speaker), confidence=0.9)


def place(art: Article, mention: str, *, country: str, lat: float, lon: float, geonameid: int) -> Place:
    start = art.text.index(mention)
    return Place(mention=mention, start=start, end=start + len(mention), geonameid=geonameid, name=mention,
                 country=country, feature="city", lat=lat, lon=lon, score=1.0)


def entity(name: str, type_: str = "PERSON", country: str | None = None) -> Entity:
    return Entity(id=content_id(name, length=12), name=name, type=type_, mentions=(Span(name, 0, len(name)),),
                  country=country)


WIRE_BODY = (
    "Floodwaters began to recede across the north-east on Wednesday after a week of heavy rain, and relief workers "
    "reached villages that had been cut off since the weekend, officials said. Boats carried rice, lentils, "
    "drinking water and medicine to families sheltering in schools and on raised roads. The district "
    "administration said about 12,000 households had received food parcels and that health teams were watching "
    "for outbreaks of diarrhoea. Engineers were checking bridges and embankments damaged by the flood, and the "
    "railway said services on the branch line would resume once the tracks had been inspected. Farmers said the "
    "water had destroyed seedlings that were ready for planting and asked the government for seed and fertiliser. "
    "The weather office forecast lighter rain for the coming days but warned that rivers upstream were still high."
)
