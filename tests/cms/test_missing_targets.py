"""Pages survive what they point to: when a document or page that a published page links to is
deleted, unpublished or restricted, every page type still renders in both languages, with
the item shown as no longer available instead of a link, and never an error."""

import json

from django.core.files.base import ContentFile

from wagtail.blocks import RichTextBlock, StreamBlock, StructBlock
from wagtail.blocks.base import BaseBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from cms.blocks import BodyStreamBlock
from cms.models import GuidancePage, StandardPage
from tenders.models import TenderDocument
from tests.factories import build_public_site, guidance_page, tender_index, tender_page

pytestmark = pytest.mark.django_db

UNAVAILABLE = {"zh-hans": "已不再提供", "en": "No longer available"}
HOSTS = ["home", "standard", "guidance", "guidance_index", "tender", "tender_index"]
ACTIONS = ["delete_document", "restrict_document", "delete_page", "unpublish_page"]


def _document(title: str, collection=None):
    collection = collection or Collection.get_first_root_node()
    document = get_document_model()(title=title, collection=collection)
    document.file.save("checklist.pdf", ContentFile(b"%PDF-1.4 checklist"), save=False)
    document.save()
    return document


def _links(document, page) -> str:
    return (
        f'<p>See <a linktype="page" id="{page.pk}">the target page</a> and '
        f'<a linktype="document" id="{document.pk}">the checklist</a>.</p>'
    )


def _body(document, page) -> str:
    return json.dumps(
        [
            {"type": "document_link", "value": {"document": document.pk, "title": "登记材料清单"}},
            {"type": "paragraph", "value": _links(document, page)},
            {
                "type": "question_answer",
                "value": {"question": "What to bring?", "answer": _links(document, page)},
            },
        ]
    )


class World:
    """A bilingual site whose pages of every type point at one document and one page."""

    def __init__(self):
        self.site = build_public_site(guidance_count=0)
        self.collection = Collection.get_first_root_node().add_child(name="内部资料")
        self.document = _document("登记材料清单", self.collection)
        self.target = StandardPage(title="目标页面", slug="target", intro="")
        self.site.home_zh.add_child(instance=self.target)
        self.target.save_revision().publish()
        body = _body(self.document, self.target)
        links = _links(self.document, self.target)
        self.hosts = {}
        for home in (self.site.home_zh, self.site.home_en):
            lang = home.locale.language_code
            home.body = body
            home.save_revision().publish()
            standard = StandardPage(title=f"关于 {lang}", slug="about", body=body)
            home.add_child(instance=standard)
            standard.save_revision().publish()
            index = self.site.index_zh if lang == "zh-hans" else self.site.index_en
            index.intro = links
            index.save_revision().publish()
            guide = guidance_page(index, f"指南 {lang}", "guide")
            guide.body = body
            guide.save_revision().publish()
            tenders = tender_index(home)
            tenders.intro = links
            tenders.save_revision().publish()
            tender = tender_page(
                tenders,
                body=body,
                documents=[TenderDocument(document=self.document, title="招标文件")],
            )
            self.hosts[lang] = {
                "home": home,
                "standard": standard,
                "guidance": GuidancePage.objects.get(pk=guide.pk),
                "guidance_index": index,
                "tender": tender,
                "tender_index": tenders,
            }

    def act(self, action: str) -> None:
        if action == "delete_document":
            self.document.delete()
        elif action == "restrict_document":
            CollectionViewRestriction.objects.create(
                collection=self.collection, restriction_type=CollectionViewRestriction.LOGIN
            )
        elif action == "delete_page":
            self.target.delete()
        else:
            self.target.unpublish()


@pytest.fixture
def world():
    return World()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("host", HOSTS)
def test_every_page_type_renders_its_missing_targets_as_unavailable(client, world, host, action):
    document_url, page_url = world.document.url, world.target.url
    for lang in ("zh-hans", "en"):
        html = client.get(world.hosts[lang][host].url).content.decode()
        assert page_url in html and document_url in html  # rendered once, while all is there
    world.act(action)
    gone = document_url if action.endswith("document") else page_url
    for lang in ("zh-hans", "en"):
        response = client.get(world.hosts[lang][host].url)
        html = response.content.decode()
        assert response.status_code == 200, (host, action, lang)
        if action == "restrict_document" and host.endswith("index"):
            # Rich text keeps a restricted document's link: its download asks for sign-in.
            assert f'href="{gone}"' in html
            continue
        assert UNAVAILABLE[lang] in html
        if action != "restrict_document":
            assert f'href="{gone}"' not in html


def test_a_restricted_document_is_unavailable_in_its_block_for_an_anonymous_visitor(client, world):
    CollectionViewRestriction.objects.create(
        collection=world.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    html = client.get(world.hosts["en"]["guidance"].url).content.decode()
    block = html.split('<div class="document-link')[1].split("</div>")[0]
    assert "No longer available" in block and "href" not in block


def test_a_restricted_document_stays_a_link_for_a_visitor_who_may_see_it(client, world):
    CollectionViewRestriction.objects.create(
        collection=world.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get(world.hosts["en"]["guidance"].url).content.decode()
    block = html.split('<div class="document-link')[1].split("</div>")[0]
    assert f'href="{world.document.url}"' in block


def _referencing_blocks(block: BaseBlock, path: str = "") -> set[str]:
    """The paths of the blocks inside ``block`` that point at another object."""
    found = set()
    children = getattr(block, "child_blocks", {}) or {}
    for name, child in children.items():
        here = f"{path}.{name}" if path else name
        if isinstance(child, (DocumentChooserBlock, RichTextBlock)) or (
            hasattr(child, "target_model") and not isinstance(child, (StructBlock, StreamBlock))
        ):
            found.add(here)
        found |= _referencing_blocks(child, here)
    return found


def test_every_referencing_block_of_the_body_is_covered_above():
    """A new block that points at a document, image, page or snippet needs its own case in
    ``_body`` (and its template must survive a missing target)."""
    assert _referencing_blocks(BodyStreamBlock()) == {
        "paragraph",
        "document_link.document",
        "question_answer.answer",
    }
