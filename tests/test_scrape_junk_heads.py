"""Page-structure rules of the ninth round of junk-record work (issue 13), each on an invented
page in tests/data/scrape_rules/: running heads (a journal's name with a colon, `Surname et al.
Journal Year`), glued labels (a CJK label before a Latin title with its own colon, an author label
before a lower-case particle), the heads of wrapped entries, notes pointing back at a journal,
dashed venues, titles naming the work they discuss. See docs/scrape.md (ninth round)."""

from __future__ import annotations

from refmerge.refs.model import Reference
from refmerge.refs.scrape.copyfix import unglue_label
from refmerge.refs.scrape.lines import is_chrome
from refmerge.refs.scrape.reader import read_scrape

from conftest import DATA

RULES = DATA / "scrape_rules"


def _read(name: str) -> list[Reference]:
    path = RULES / name
    return read_scrape(path.read_text(encoding="utf-8"), str(path)).references


def test_a_running_head_whose_journal_name_holds_a_colon_is_the_venue() -> None:
    """`Invented Journal of Tide Studies: Methods and Instruments 2031; 14: 201–219` over glued
    labels: the words before the colon name a periodical, so they are the name's first part and
    no label. Cut at the colon, the running head opened a record of `Methods and Instruments`,
    the `Journal` label then opened a second one, and the cite box's printings became two more."""
    refs = _read("running_head_subtitle.txt")
    assert len(refs) == 1
    assert refs[0].fields["journal"] == "Invented Journal of Tide Studies: Methods and Instruments"
    assert refs[0].fields["title"] == "Reed gauges for imaginary estuaries"


def test_a_latin_title_glued_to_a_cjk_label_keeps_its_colon() -> None:
    """`タイトルTidal clocks: a field guide …`: the colon is the title's; the label is glued
    before it. Taken for a label apart already, the line was no title, and the page gave a
    record without one beside the cite box's two printings."""
    assert (
        unglue_label("タイトルTidal clocks: a field guide")
        == "タイトル: Tidal clocks: a field guide"
    )
    assert unglue_label("作者：王小明") == "作者：王小明"
    refs = _read("glued_cjk_label_colon.txt")
    assert [r.fields["title"] for r in refs] == ["Tidal clocks: a field guide to imaginary coasts"]


def test_entries_whose_authors_fill_the_first_line_start_entries() -> None:
    """Entries wrapped before their bracketed year start with `Surname, Given Middle,` (full
    given names, as MLA and lists made from BibTeX print them, hyphenated ones too) or with a capitalised particle
    (`Van Den Hoek, Jr., P. K.,`): each is one entry. Before, the names were read alone, as the
    byline of the note line above, and the entry was lost."""
    refs = _read("entry_full_given_names.txt")
    assert [r.fields["author"].split(",")[0] for r in refs] == [
        "Quell", "Marwick", "Van Den Hoek", "Lefèvre"
    ]  # fmt: skip
    assert [r.fields["year"] for r in refs] == ["2029", "2030", "2031", "2028"]


def test_a_note_pointing_back_at_the_same_journal_is_no_record() -> None:
    """`(… See also the reply by Van Dorn (2030) in the same journal, vol. 5.)` and `… by De
    Groot (2032) in this volume`: a "venue" that points back at one named before is prose,
    whatever was read as its authors (the capitalised particle made `Van Dorn` a name)."""
    refs = _read("note_same_journal.txt")
    assert [r.fields["author"].split(",")[0] for r in refs] == ["Quell", "Tanaka"]


def test_a_venue_with_a_dash_volume_and_pages_is_no_result_byline() -> None:
    """`Reef Acoustics Part C - Invented Methods, 2030, Vol. 8 (1), pp. 12–29` under a byline:
    a search result's byline cuts its venue to name and year, so a line that prints volume and
    pages is a venue statement whose name holds a dash, not a byline of `Reef Acoustics Part, C.`
    (which made a record of its own and split the cite box's printings from the header)."""
    refs = _read("venue_dash_volume_pages.txt")
    assert len(refs) == 1
    assert refs[0].fields["journal"] == "Reef Acoustics Part C - Invented Methods"
    assert refs[0].fields["volume"] == "8"


def test_an_owner_mark_or_a_year_after_one_given_name_starts_an_entry() -> None:
    """`Quell* M, Teague O. …` (the list's owner marked) and `Marwick, Hedda (2030). …`
    (one given name, then the bracketed year) open entries wrapped onto a line that reads
    like a label or a citation of its own (`Invented Coasts: Status in 2031. J. Tide Meth.`):
    before, the first line was left a title and the second made a record of `Meth, J. Tide`."""
    refs = _read("entry_owner_mark.txt")
    assert [r.fields["title"] for r in refs] == [
        "Reed gauges for imaginary estuaries and the harbours of the Invented Coasts: Status in 2031",
        "Foghorn harmonics over invented reefs",
        "Salt memory of invented deltas in the northern estuaries of the Coast: Status in 2030",
    ]
    assert refs[0].fields["author"] == "Quell, M. and Teague, O."


def test_a_title_naming_the_work_it_discusses_takes_no_lines_in() -> None:
    """`A replication of Okafor and Brenner (2029): tidal clocks revisited` over its byline and
    venue: the bracketed year belongs to the work the title names (replications, comments and
    replies name it so), and the words before it are no authors (lower-case words), so the
    line is a title, not a reference wrapped over the byline and venue below. Joined with them,
    the header was a record of `H. L. Marwick, T.` and the cite box's printing a second."""
    refs = _read("title_names_a_work.txt")
    assert len(refs) == 1
    assert (
        refs[0].fields["title"]
        == "A replication of Okafor and Brenner (2029): tidal clocks revisited"
    )
    assert refs[0].fields["author"] == "Marwick, H. L. and Quell, T."
    assert refs[0].fields["year"] == "2031"


def test_a_running_head_naming_the_first_author_et_al_is_no_record() -> None:
    """`Marwick et al. Salt Lett. 2031` over a landing page's labels: a printed page's running
    head (first author, `et al.`, journal, year) names no title; read as a citation it was a
    record titled `Salt Lett`. A short reference that prints its title is still one."""
    refs = _read("running_head_et_al.txt")
    assert [r.fields["title"] for r in refs] == ["Reed gauges for imaginary estuaries"]
    assert is_chrome("Okafor et al. BMC Tides (2019) 17:45")
    assert not is_chrome("Okafor et al. Tidal clocks of the coast. Salt Lett. 2019")


def test_a_name_opening_with_its_particle_is_split_from_a_glued_author_label() -> None:
    """`Authorsvan der Berg, H. L.; Quell, T.`: the particle starts the value in lower case,
    so no capital marks the label's end; an author label before a particle is split there.
    Before, the authors were lost and the cite line made a second record."""
    assert unglue_label("Авториvan der Maaten, L. J. P.") == "Автори: van der Maaten, L. J. P."
    assert unglue_label("Titelvan der Waals forces") == "Titelvan der Waals forces"
    refs = _read("glued_particle_author.txt")
    assert len(refs) == 1
    assert refs[0].fields["author"] == "van der Berg, H. L. and Quell, T."


def test_a_subtitled_journal_before_a_volume_word_is_one_venue() -> None:
    """`Invented Journal of Tide Studies: Methods and Instruments, Bd. 14, Heft 2, 2031`: the
    section's name runs on to the volume word, so the colon is the journal name's. Cut there,
    the line opened a record of its own."""
    refs = _read("running_head_subtitle_volume.txt")
    assert len(refs) == 1
    assert refs[0].fields["journal"] == "Invented Journal of Tide Studies: Methods and Instruments"
