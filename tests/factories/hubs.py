import factory

from incubator.models import Hub


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"第{n}孵化基地")
    name_en = factory.Sequence(lambda n: f"Hub {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    district = "城厢镇"
    operator = "太仓市民政局"
    address = "江苏省太仓市城厢镇"
