"""PDF: the text layer through pypdf, and OCR for pages that have none.

pypdf was chosen over pdfminer.six on a generated test: with Vietnamese drawn as base letters
plus separate combining marks (as some producers write it), pdfminer's layout analysis tore
the marks away from their letters and into other lines, while pypdf kept every mark after
its letter. Both were right on precomposed text. The output is NFC.

pypdf raises many exception types on damaged files (its own, ValueError, KeyError, struct
and zlib errors, recursion on cyclic objects); this module is the boundary where all of them
become one InputError, so nothing a corrupt file does can escape as a traceback.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections import Counter
from pathlib import PurePath

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from kg.errors import InputError
from kg.read.legacy import convert_font_text, font_encoding, font_family
from kg.read.ocr import ocr_image, require_tesseract, tesseract_languages

# pypdf logs every repair it makes on a damaged file; the reader reports problems itself.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _corrupt(path: str, err: BaseException) -> InputError:
    if isinstance(err, LimitReachedError):
        # pypdf stops any stream at 75 MB decompressed; past that the file is hostile.
        return InputError(path, "PDF stream expands beyond 75 MB (possible decompression bomb)")
    detail = str(err).strip().splitlines()[0][:120] if str(err).strip() else type(err).__name__
    return InputError(path, f"truncated or corrupt PDF ({detail})")


def _open(data: bytes, path: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many official PDFs only carry an owner password; they open with an empty one.
            try:
                decrypted = reader.decrypt("")
            except (DependencyError, NotImplementedError) as err:
                raise InputError(path, f"encrypted PDF this reader cannot open ({err})") from None
            if not decrypted:
                raise InputError(path, "password-protected PDF")
        page_count = len(reader.pages)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(path, "password-protected PDF") from None
    except Exception as err:  # noqa: BLE001  every parser failure is a corrupt file
        raise _corrupt(path, err) from None
    if page_count == 0:
        raise InputError(path, "PDF has no pages")
    return reader


def _page_images(page: PageObject) -> list[tuple[bytes, str]]:
    """The page's images as (file bytes, suffix) for tesseract; pypdf errors pass through."""
    return [(image.data, PurePath(image.name).suffix or ".png") for image in page.images]


def _has_legacy_fonts(page: PageObject) -> bool:
    """Whether the page uses a legacy Vietnamese (TCVN3 or VNI) font."""
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return False
    names = (font.get_object().get("/BaseFont") for font in fonts.get_object().values())
    return any(name is not None and font_encoding(str(name)) for name in names)


def _page_text(page: PageObject, converted: Counter[str]) -> str:
    """The text layer of a page; runs in legacy fonts converted to Unicode."""
    if not _has_legacy_fonts(page):
        return page.extract_text() or ""
    # pypdf hands each run to the visitor with its font; joined, the runs are its text.
    runs: list[str] = []

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        encoding = font_encoding(name)
        if encoding and text:
            converted[font_family(name)] += 1
            text = convert_font_text(text, encoding)
        runs.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(runs)


def read_pdf(data: bytes, *, path: str) -> tuple[str, dict[str, str], list[str]]:
    """Return (text, metadata, warnings) of a PDF; InputError when it cannot be read."""
    reader = _open(data, path)
    page_texts: list[str] = []
    warnings: list[str] = []
    blank_pages: list[int] = []
    converted: Counter[str] = Counter()
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = _page_text(page, converted)
        except LimitReachedError as err:
            raise _corrupt(path, err) from None
        except Exception as err:  # noqa: BLE001  one damaged page should not lose the others
            warnings.append(f"page {number} unreadable ({type(err).__name__})")
            text = ""
        if not text.strip():
            blank_pages.append(number)
        page_texts.append(text)

    ocr_pages: list[int] = []
    if blank_pages:
        can_ocr = "vie" in (tesseract_languages() or frozenset())
        if not can_ocr and len(blank_pages) == len(page_texts):
            require_tesseract(path)
        for number in blank_pages:
            try:
                images = _page_images(reader.pages[number - 1])
            except LimitReachedError as err:
                raise _corrupt(path, err) from None
            except Exception as err:  # noqa: BLE001  e.g. JBIG2 without jbig2dec: skip the page
                warnings.append(f"page {number}: scanned image unreadable ({type(err).__name__})")
                continue
            if not images:
                continue
            if not can_ocr:
                warnings.append(f"page {number} is a scan; install tesseract to read it")
                continue
            page_texts[number - 1] = "\n".join(
                ocr_image(image, suffix=suffix, path=path) for image, suffix in images
            )
            ocr_pages.append(number)

    text = unicodedata.normalize("NFC", "\n".join(t.rstrip("\n") for t in page_texts))
    if not text.strip():
        raise InputError(path, "PDF contains no text (no text layer and no scanned images)")
    metadata = {"pages": str(len(page_texts))}
    if converted:
        metadata["fonts_converted"] = ", ".join(sorted(converted))
        warnings.append(f"converted text in legacy fonts: {metadata['fonts_converted']}")
    if ocr_pages:
        metadata["ocr_pages"] = ",".join(map(str, ocr_pages))
        metadata["ocr"] = "tesseract vie"
        warnings.append(f"OCR used on page(s) {metadata['ocr_pages']}: check the text")
    return text + "\n", metadata, warnings
