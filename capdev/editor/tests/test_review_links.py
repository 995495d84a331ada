"""The review queue's links lead somewhere (new-user finding 7), and the resources library reads its counts out
as resources (finding 11)."""
import lxml.html
from django.test import Client
from django.urls import reverse

from capdev.activities.models import Resource
from capdev.editor import workflow


def test_a_working_copy_s_title_in_the_review_queue_opens_the_copy(staff, dmb_project, client):
    copy = workflow.start_working_copy(dmb_project, staff["dmb"])
    workflow.submit_for_review(copy, staff["dmb"])
    client.force_login(staff["reviewer"])
    page = lxml.html.fromstring(client.get(reverse("editor:review")).content)
    links = [a.get("href") for a in page.cssselect("h2 a") if a.text_content().strip() == copy.title]
    assert links == [reverse("editor:edit", args=[copy.pk])]
    assert all(client.get(href).status_code == 200 for href in links)


def test_resource_facet_counts_are_read_out_as_resources(dmb_project):
    Resource.objects.create(project=dmb_project, title="Toolkit", type="toolkit")
    Resource.objects.create(project=dmb_project, title="Handbook", type="toolkit")
    page = lxml.html.fromstring(Client().get("/resources/").content)
    counts = [(int(c.text.strip()), c.cssselect(".visually-hidden")[0].text_content().strip())
              for c in page.cssselect(".facet .count")]
    # The word follows the number (newuser4 #27): "1 resource", "2 resources".
    assert counts and all(word == ("resource" if n == 1 else "resources") for n, word in counts), counts
