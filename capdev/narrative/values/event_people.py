"""People named by an agent noun no list holds ("26 paralegals" no, "47 vérificateurs", "31 fiscalizadores", "22 tax
assessors"): after a count, a plural ending as the words for people who do something end in English, French and
Spanish (-ers, -ors, -ists, -ians, -ees; -eurs, -trices, -istes; -dores, -doras, -tores, -toras, -istas), unless it is
one of the things that end so ("12 indicators", "5 sectors", "3 papers", "10 computers", "plusieurs", "listas").
Read only in the count of an event's sentence (event_words._PARTICIPANTS), never as a list of people elsewhere.
"""
from __future__ import annotations

_NOT_PEOPLE = (
    # English
    "papers|chapters|letters|centers|computers|numbers|orders|layers|matters|barriers|markers|posters|flyers|banners|"
    "folders|meters|liters|filters|servers|routers|printers|containers|headquarters|quarters|registers|charters|"
    "clusters|parameters|others|rivers|borders|towers|powers|answers|offers|transfers|corners|covers|headers|"
    "footers|tenders|partners|providers|donors|funders|lenders|insurers|suppliers|vendors|sectors|indicators|factors|"
    "vectors|colors|colours|errors|doors|floors|motors|monitors|processors|reactors|corridors|mirrors|tractors|"
    "generators|calculators|elevators|detectors|sensors|lists|checklists|shortlists|playlists|committees|fees|"
    "degrees|trees|guarantees|coffees|thousands|millions|billions|"
    # French
    "secteurs|indicateurs|facteurs|ordinateurs|serveurs|valeurs|couleurs|erreurs|moteurs|capteurs|compteurs|vecteurs|"
    "leurs|plusieurs|ailleurs|meilleurs|int[ée]rieurs|ext[ée]rieurs|sup[ée]rieurs|inf[ée]rieurs|majeurs|mineurs|"
    "honneurs|bailleurs|donateurs|fournisseurs|prestataires|listes|pistes|matrices|nombreuses|heures|"
    "g[ée]n[ée]rateurs|d[ée]tecteurs|calculateurs|op[ée]rateurs\\s+t[ée]l[ée]com\\w*|"
    # Spanish
    "sectores|vectores|factores|motores|indicadores|computadores|ordenadores|borradores|marcadores|generadores|"
    "alrededores|mostradores|proveedores|donantes|listas|pistas|revistas|entrevistas|conquistas|vistas|"
    "mejores|peores|mayores|anteriores|posteriores|superiores|inferiores|exteriores|interiores|valores|colores|"
    "errores|labores|detectores|sensores|reactores|tractores|conductores\\s+el[ée]ctricos"
)
AGENTS = (
    rf"(?!(?:{_NOT_PEOPLE})(?![\w-]))"
    r"[^\W\d_]{2,}(?:(?<!i)ers|ors|ists|ians|ees|eurs|trices|istes|dores|doras|tores|toras|istas)"
)  # "-iers" is no one's ("ateliers", "dossiers", "premiers", "barriers")
