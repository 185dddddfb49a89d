"""/open-data/: public, aggregated, no personal data; CSV, XLSX and JSON of one fiscal year."""

from django.http import Http404, JsonResponse
from django.shortcuts import render

from bangphlat.exports import ListExporter
from dashboard.selectors import current_fiscal_year, fiscal_year_choices
from opendata import selectors


def _fiscal_year(value) -> int:
    fiscal_year = int(value)
    if fiscal_year not in fiscal_year_choices():
        raise Http404
    return fiscal_year


def home(request):
    return render(
        request,
        "opendata/home.html",
        {
            "fiscal_years": fiscal_year_choices(),
            "current": current_fiscal_year(),
            "columns": selectors.columns(),
            "licence": selectors.LICENCE,
            "licence_url": selectors.LICENCE_URL,
            "publisher": selectors.PUBLISHER,
        },
    )


def download(request, fiscal_year, fmt):
    fiscal_year = _fiscal_year(fiscal_year)
    rows = selectors.open_data(fiscal_year=fiscal_year)
    names = [name for name, _label in selectors.columns()]
    if fmt == "json":
        return JsonResponse(
            {
                "fiscal_year": fiscal_year,
                "licence": selectors.LICENCE,
                "licence_url": selectors.LICENCE_URL,
                "publisher": str(selectors.PUBLISHER),
                "attribution": str(selectors.PUBLISHER),
                "source": request.build_absolute_uri("/open-data/"),
                "fields": [{"name": n, "description": str(d)} for n, d in selectors.columns()],
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    exporter = ListExporter(
        headers=names,
        rows=([row[name] for name in names] for row in rows),
        filename=f"bangphlat-open-data-{fiscal_year}",
        sheet_title=str(fiscal_year),
        stamp=False,
    )
    response = exporter.response(fmt)
    response["Access-Control-Allow-Origin"] = "*"
    return response
