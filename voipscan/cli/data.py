"""``voipscan data show``: the software data voipscan judges support and patch level with."""

from __future__ import annotations

import click


def show() -> None:
    from voipscan.data import SOFTWARE_FILE, software_data

    data = software_data()
    click.echo(f"Software data updated {data.updated.isoformat()} "
               f"(voipscan/data/{SOFTWARE_FILE}, format version {data.version})")
    for product in data.products:
        supported = [s.series for s in product.series if s.end_of_support is None
                     or s.end_of_support >= data.updated]
        click.echo(f"  {product.name} ({product.vendor}): {len(product.series)} series"
                   f"{' (supported then: ' + ', '.join(supported) + ')' if supported else ''}, "
                   f"{len(product.vulnerabilities)} known vulnerabilities")
        click.echo(f"    lifecycle: {product.lifecycle_source}")
