"""openpyxl baseline for `bench_export`: writes the same formatted Formulir E.81 form.

Input: a JSON file (argv[1]) written by `examples/bench_export.rs` with the rows (values and the
formula texts of columns 12-15 exactly as Capaian exports them) and the title facts; output
xlsx path argv[2]. Same layout as `capaian_xlsx::export`: title block, three-row merged header,
numbering row, data rows with Arial 8, thin borders, number formats, bold program/kegiatan rows,
indents, row heights, footer rows, signature block, column widths, frozen panes, F4/A4
landscape fit to one page wide, repeated header rows, print area.

Prints the write time (workbook build + save, JSON load excluded) in seconds on stdout.
"""

import json
import sys
import time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

WIDTHS = [4.5, 7, 11.5, 30, 28, 6.5, 7.5, 12.5, 6.5, 12.5, 6.5, 12.5]
WIDTHS += [6.5, 11.5] * 4
WIDTHS += [6.5, 12.5, 6.5, 7, 6.5, 12.5, 6.5, 7, 15, 13]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    t0 = time.perf_counter()
    wb = Workbook()
    ws = wb.active
    ws.title = "E.81"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = [Font(name="Arial", size=8), Font(name="Arial", size=8, bold=True)]
    head_font = Font(name="Arial", size=8, bold=True)
    grey = PatternFill("solid", fgColor="F2F2F2")
    wrap_left = [Alignment(wrap_text=True, vertical="top", indent=i) for i in range(3)]
    wrap_center = Alignment(wrap_text=True, horizontal="center", vertical="top")
    top = Alignment(vertical="top")
    head_align = Alignment(wrap_text=True, horizontal="center", vertical="center")
    title_font = Font(name="Arial", size=11, bold=True)

    ws["A1"] = "Formulir E.81"
    ws["A1"].font = Font(name="Arial", size=9, bold=True)
    for i, t in enumerate(data["title"]):
        r = 2 + i
        ws.cell(row=r, column=1, value=t).font = title_font
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=30)

    def head(r1, c1, r2, c2, text):
        cell = ws.cell(row=r1, column=c1, value=text)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                x = ws.cell(row=r, column=c)
                x.font = head_font
                x.border = border
                x.fill = grey
                x.alignment = head_align
        if (r1, c1) != (r2, c2):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        return cell

    for c1, r2, c2, text in data["header"]:
        head(6, c1, 6 + r2, c2, text)
    for c, text in data["subheader"]:
        head(8, c, 8, c, text)
    for q, roman in enumerate(["I", "II", "III", "IV"]):
        head(7, 13 + 2 * q, 7, 14 + 2 * q, roman)
    for c1, c2, text in data["numbering"]:
        head(9, c1, 9, c2, text)

    r = 10
    for row in data["rows"]:
        bold = row["bold"]
        font = fonts[1 if bold else 0]
        ws.row_dimensions[r].height = row["height"]
        for c, v in enumerate(row["cells"], start=1):
            cell = ws.cell(row=r, column=c)
            cell.font = font
            cell.border = border
            if v is None:
                continue
            kind, val, fmt = v
            if kind == "s":
                cell.value = val
                cell.data_type = "s"
                cell.alignment = wrap_left[row["indent"]] if c == 4 else (
                    wrap_center if c in (1, 6, 7) else wrap_left[0])
            else:
                cell.value = ("=" + val) if kind == "f" else val
                cell.number_format = fmt
                cell.alignment = top
        r += 1

    for label, values in data["footer"]:
        ws.cell(row=r, column=1, value=label).font = fonts[1]
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        for c in range(1, 31):
            ws.cell(row=r, column=c).border = border
        for c, kind, val in values:
            cell = ws.cell(row=r, column=c, value=("=" + val) if kind == "f" else val)
            cell.font = fonts[1]
            cell.number_format = "#,##0.00"
        r += 1
    r += 1
    for left, right in data["signature"]:
        ws.cell(row=r, column=2, value=left).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
        ws.cell(row=r, column=25, value=right).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=25, end_row=r, end_column=30)
        r += 1

    for i, w in enumerate(WIDTHS):
        ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = w
    ws.freeze_panes = "E10"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 14
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "6:9"
    ws.print_area = "A1:AD%d" % r
    ws.oddFooter.right.text = "Halaman &P dari &N"
    wb.save(sys.argv[2])
    print(f"{time.perf_counter() - t0:.6f}")


if __name__ == "__main__":
    main()
