"""gunicorn's settings, read from the project's root (gunicorn looks for ./gunicorn.conf.py): `make serve`
gives its options on the command line; this file only adds what a worker does as it starts."""


def post_worker_init(worker):
    """Each worker starts reading its facet index in a thread: half a minute at a million projects, which a
    first request must not wait for (gunicorn's worker timeout is 30 s). Requests meanwhile wait at most
    CAPDEV_FACET_INDEX_WAIT seconds, then SQL answers them. The similarity index (similar projects) is read in
    another thread; project pages say the similar projects are being worked out until it is there. The people
    reached by the whole portfolio are counted in a thread too (capdev.people.aggregates.warm_up)."""
    from django.conf import settings

    from capdev.projects import similar
    from capdev.projects.facet_index import cache

    if settings.CAPDEV_FACET_INDEX and settings.CAPDEV_FACET_INDEX_BACKGROUND:
        cache.build_in_background()
    if settings.CAPDEV_FACET_INDEX_BACKGROUND:
        similar.build_in_background()  # similar projects: about a minute at a million projects (performance.md)
    if settings.CAPDEV_PEOPLE_BACKGROUND:
        from capdev.people import aggregates as people

        people.warm_up()  # the whole portfolio's people figures, counted in a thread of their own
