"""Military events read from the parse: one invented sentence per construction.

Each row gives what a careful analyst would map from its sentence; extra events never fail
a row, ``ABSENT`` rows list what must not come out.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import pytest
from event_checks import Expectation, at, fits, listing

from dashboard.extract import extract_article
from dashboard.extract.nlp import load_parser
from dashboard.records import Article, Event
from geodata.gazetteer import load_gazetteer

PUBLISHED = dt.date(2024, 3, 1)


def _parser_ready() -> bool:
    try:
        load_parser()
    except (ImportError, OSError):
        return False
    return True


pytestmark = pytest.mark.skipif(not _parser_ready(), reason="the parser model is not installed")


@dataclass(frozen=True, slots=True)
class Row(Expectation):
    """A sentence and the event it must give (fields None when the row does not care)."""

    text: str
    type: str
    at: str
    modality: str | None = field(default="asserted", kw_only=True)


ROWS: dict[str, Row] = {
    "transitive-send": Row("Germany sent 1,500 soldiers to Lithuania on Monday.",
                           "deployment", "Lithuania", actor="DE", count=1500),
    "passive-with-agent": Row("Two battalions were flown to Estonia by the British army.",
                              "deployment", "Estonia", actor="GB", count=2),
    "intransitive-subject": Row("About 300 Estonian soldiers returned home from Mali.",
                                "withdrawal", "Mali", actor="EE", count=300, origin="Mali"),
    "from-to": Row("The Dutch marines will deploy from Rotterdam to Bodo next week.",
                   "deployment", "Bodo", actor="NL", origin="Rotterdam", modality="planned"),
    "coordinated-destinations-1": Row(
        "Washington ordered 3,000 troops to Poland and Romania.", "deployment", "Poland",
        actor="US", count=3000, modality=None),
    "coordinated-destinations-2": Row(
        "Washington ordered 3,000 troops to Poland and Romania.", "deployment", "Romania",
        actor="US", count=3000, modality=None),
    "distributed-count-1": Row(
        "Of the 3,000 sailors leaving Norfolk, 2,000 will go to Rota while 1,000 are sent "
        "to Souda Bay.", "deployment", "Rota", count=2000, modality=None),
    "distributed-count-2": Row(
        "Of the 3,000 sailors leaving Norfolk, 2,000 will go to Rota while 1,000 are sent "
        "to Souda Bay.", "deployment", "Souda Bay", count=1000, modality=None),
    "nominal-deployment": Row(
        "Spain announced the deployment of 500 Spanish troops to Latvia.", "deployment",
        "Latvia", actor="ES", count=500, modality=None),
    "actor-is-not-where-based": Row(
        "Another 1,000 American soldiers already based in Italy will move to Hungary.",
        "deployment", "Hungary", actor="US", count=1000, modality="planned"),
    "elided-count-takes-sender": Row(
        "Moscow has massed 90,000 troops near Ukraine, with 20,000 more in Transnistria.",
        "presence", "Transnistria", actor="RU", count=20000),
    "leaving-for-is-deployment": Row(
        "The Polish brigade departed Warsaw for Germany.", "deployment", "Germany",
        actor="PL", origin="Warsaw"),
    "negated": Row("France will not send troops to Ukraine, Macron said.", "deployment",
                   "Ukraine", actor="FR", modality="negated"),
    "pull-out": Row("Russia pulled its troops out of Kherson in November.", "withdrawal",
                    "Kherson", actor="RU"),
    "stationed-participle": Row("Some 2,500 US troops stationed in Iraq remain there.",
                                "presence", "Iraq", actor="US", count=2500),
    "border-band": Row("Russian troops are massed along Ukraine's northern border.",
                       "presence", "Ukraine", actor="RU", extent="border"),
    "armed-group-actor": Row("Hezbollah fighters moved into southern Lebanon.", "deployment",
                             "LB", actor="HEZBOLLAH"),
    "drills-without-force": Row("China held large-scale drills around Taiwan on Thursday.",
                                "exercise", "Taiwan", actor="CN"),
    "copular-presence": Row("Some 900 American soldiers remain in Syria.", "presence",
                            "Syria", actor="US", count=900),
    "copular-presence-be": Row("Russian forces were near Kharkiv on Monday.", "presence",
                               "Kharkiv", actor="RU"),
    "police-mission": Row("Kenya said 144 police officers have arrived in Haiti.",
                          "deployment", "Haiti", count=144),
    "reinforcements": Row("Chadian reinforcements arrived in Abeche on Sunday.", "deployment",
                          "Abeche", actor="TD"),
    "group-subject-is-force": Row("The M23 rebels captured the city of Goma.", "deployment",
                                  "Goma", actor="M23"),
    "mission-subject-is-force": Row("MONUSCO withdrew from Bukavu last year.", "withdrawal",
                                    "Bukavu", actor="UN"),
    "country-invades": Row("Russia invaded Ukraine in February.", "deployment", "Ukraine",
                           actor="RU"),
    "divert-from-to": Row("The army diverted 20,000 troops from Peshawar to Sialkot.",
                          "deployment", "Sialkot", count=20000, origin="Peshawar"),
    "observed-force-is-there": Row("Taiwan detected six Chinese warships around Penghu.",
                                   "presence", "Penghu", actor="CN", count=6),
    "anaphora-reaches-back": Row(
        "Kenya sent 400 soldiers to Haiti on Monday. Officials praised the mission. "
        "Crowds gathered at the airport. The newly arrived soldiers are in "
        "Port-au-Prince.", "presence", "Port-au-Prince", actor="KE"),
    "owner-named-later": Row(
        "About 300 soldiers arrived in Gao on Monday. Officials spoke. Prices rose. Markets "
        "fell. Chad's army said it would send 1,000 more troops to Mali.", "deployment", "Gao",
        actor="TD", count=300),
    "fleet-by-name": Row("Ships of the Northern Fleet held drills in the Barents Sea.",
                         "exercise", "Barents Sea", actor="RU"),
    "fleet-named-by-a-sea": Row("The Baltic Fleet deployed 20 ships to the Gulf of Finland.",
                                "deployment", "Gulf of Finland", actor="RU"),
    "numbered-fleet": Row("The Seventh Fleet sent two destroyers to Manila.", "deployment",
                          "Manila", actor="US", count=2),
    "coordinated-owners": Row("French and German troops arrived in Lithuania on Monday.",
                              "deployment", "Lithuania", actor="FR"),
    "coordinated-forces-each-count": Row(
        "Some 5,000 U.S. troops and 3,800 Philippine soldiers took part in the exercise on "
        "Luzon.", "exercise", "Luzon", actor="PH", count=3800),
    "drill-told-again": Row(
        "Russia and Belarus began the Zapad drills in Belarus on Friday. Officials said some "
        "12,700 servicemen are taking part in the drill.", "exercise", "Belarus",
        count=12700),
    "drill-told-again-by-its-nations": Row(
        "Kazakhstan began a joint war game near Aktau on Monday. About 2,500 servicemen "
        "from Kazakhstan, Kyrgyzstan and Russia will take part in this war game.", "exercise",
        "Aktau", actor="KG", count=2500, modality="planned"),
    "pull-out-of": Row("The French army will pull out of Chad by the end of January.",
                       "withdrawal", "Chad", actor="FR", origin="Chad", modality="planned"),
    "demonym-nepali": Row("Around 600 Nepali peacekeepers serve with UNIFIL in southern "
                          "Lebanon.", "presence", "southern Lebanon", actor="NP",
                          count=600),
    "destination-on-the-counted-part": Row(
        "The Chinese navy sent a flotilla of six ships to the South Pacific.", "deployment",
        "South Pacific", actor="CN"),
    "fighting-in": Row("Some 5,000 Chadian troops are fighting in northern Mali.", "presence",
                       "Mali", actor="TD", count=5000),
    "ship-prefix-on-first-name": Row(
        "The Pentagon ordered the USS Abraham Lincoln to the Middle East.", "deployment",
        "Middle East", actor="US", modality="planned"),
    "line-of-actual-control": Row("Chinese troops are present along the LAC in Ladakh.",
                                  "presence", "Line of Actual Control", actor="CN"),
    "bases-established": Row("The Turkish military has established dozens of bases in "
                             "northern Iraq.", "presence", "IQ", actor="TR"),
    "took-up-positions": Row("Russian troops took up positions along the border with "
                             "Ukraine.", "presence", "UA", actor="RU"),
    "a-states-reinforcements": Row("Ukraine moved reinforcements to Pokrovsk after Russian "
                                   "advances.", "deployment", "Pokrovsk", actor="UA"),
    "participle-with-object-is-the-verb": Row(
        "The United States Air Force deployed at least six F-22 Raptor fighters in Poland to "
        "support NATO.", "deployment", "Poland", actor="US"),
    "aircraft-by-model": Row("The US sent six F-22 Raptor fighters to Poland.", "deployment",
                             "Poland", actor="US", count=6),
    "nato-in-british-style": Row("Nato allies sent troops to Estonia.", "deployment",
                                 "Estonia", actor="NATO"),
    "coordinated-senders": Row("Britain and France sent warships to the Red Sea.",
                               "deployment", "Red Sea", actor="FR"),
    "subject-read-as-bare-oblique": Row("Some 600 commandos reached Mogadishu on Friday.",
                                        "deployment", "Mogadishu", count=600),
    "irregular-past-retook": Row("Government soldiers retook Uvira on Sunday.", "deployment",
                                 "Uvira"),
    "pulled-back-from": Row("Russia began pulling troops back from the Ukrainian border on "
                            "Tuesday.", "withdrawal", "UA", actor="RU"),
    "asked-to-leave": Row("Mali's junta asked French troops to leave the country.",
                          "withdrawal", "Mali", actor="FR", modality="demanded"),
    "police-abroad-withdrawing": Row("Kenyan police began withdrawing from Haiti in March.",
                                     "withdrawal", "Haiti", actor="KE"),
    "expelled-by-the-host": Row("Burkina Faso expelled French special forces in 2023.",
                                "withdrawal", "Burkina Faso", actor="FR"),
    "live-fire-exercises": Row("The Philippine and US militaries staged live-fire exercises "
                               "on Luzon.", "exercise", "Luzon", actor="PH"),
    "sized-by-totaling": Row("The last units of the peacekeeping forces from Russia and "
                             "Belarus, totaling nearly 2,500 troops, left Almaty on Thursday.",
                             "withdrawal", "Almaty", actor="BY", count=2500),
    "verb-read-as-adjective": Row("Rwandan troops entered eastern Congo.", "deployment",
                                  "CD", actor="RW"),
    "companion-force": Row("Some 2,000 US troops arrived in Poland along with 500 British "
                           "soldiers.", "deployment", "Poland", actor="GB", count=500),
    "companion-alongside": Row("About 1,000 French troops are deployed in Estonia alongside "
                               "800 British soldiers.", "presence", "Estonia", actor="GB",
                               count=800),
    "transited-the-strait": Row("A US Navy destroyer transited the Taiwan Strait on Tuesday.",
                                "deployment", "Taiwan Strait", actor="US"),
    "contributors-by-demonym": Row(
        "More than 4,000 AU troops are deployed in the Central African Republic, with 850 "
        "Burundians, 800 Cameroonians and 850 Chadians.", "presence",
        "Central African Republic", actor="CM", count=800),
    "au-troops": Row("More than 4,000 AU troops are deployed in the Central African Republic.",
                     "presence", "Central African Republic", actor="AFRICAN_UNION",
                     count=4000),
    "base-handed-over": Row("French troops handed over the Gao base to the Malian army.",
                            "withdrawal", "Gao", actor="FR", origin="Gao"),
    "base-closed": Row("The coalition closed its base in Kirkuk on Monday.", "withdrawal",
                       "Kirkuk", origin="Kirkuk"),
    "owner-of-noun-is-force": Row("MONUSCO began its withdrawal from South Kivu in January.",
                                  "withdrawal", "South Kivu", actor="UN"),
    "incursion-owner-is-force": Row("Ukraine's incursion into Kursk began in August.",
                                    "deployment", "Kursk", actor="UA", modality=None),
    "owner-is-no-origin": Row("Over 4,000 fighters from Lebanon's Hezbollah have reached "
                              "Aleppo.", "deployment", "Aleppo", actor="HEZBOLLAH",
                              count=4000),
    "host-is-where": Row("Poland hosts about 10,000 American troops.", "presence", "Poland",
                         actor="US", count=10000),
    "there-points-back": Row("The US keeps a base in Syria. About 900 American troops remain "
                             "there.", "presence", "Syria", actor="US", count=900),
    "named-national-force": Row("IRGC ground forces held large drills near Tabriz.",
                                "exercise", "Tabriz", actor="IR"),
    "the-country-is-not-the-forces-own": Row(
        "Despite the victory over ISIS in Iraq, about 2,500 U.S. troops remain in the country.",
        "presence", "Iraq", actor="US", count=2500),
    "stationed-shares-the-subject": Row(
        "About 2,500 U.S. troops remain in Iraq, primarily stationed at Erbil Air Base.",
        "presence", "Erbil Air Base", actor="US", count=2500),
    "left-in-is-staying": Row(
        "The reduction would see 1,000 US troops left in Syria.", "presence", "Syria",
        actor="US", count=1000, modality="planned"),
    "border-with": Row("Polish soldiers were deployed to the border with Belarus.",
                       "deployment", "Belarus", actor="PL", extent=None),
    "army-recaptures": Row("Sudan's army recaptured the presidential palace in Khartoum.",
                           "deployment", "Khartoum", actor="SD"),
    "is-to-is-planned": Row("Germany is to station a brigade of 5,000 soldiers in Lithuania.",
                            "presence", "Lithuania", actor="DE", count=5000,
                            modality="planned"),
    "named-ship": Row("The carrier USS Gerald R. Ford arrived in the eastern Mediterranean.",
                      "deployment", "eastern Mediterranean", actor="US"),
    "light-verb-places": Row("The US military completed its withdrawal from Afghanistan.",
                             "withdrawal", "Afghanistan", actor="US", origin="Afghanistan"),
    "named-base-handed-over": Row(
        "The coalition handed over the Ain al-Asad air base to Iraqi forces.", "withdrawal",
        "Ain al-Asad", origin="Ain al-Asad"),
    "kept-base": Row("Russia keeps a naval base at Tartus in Syria.", "presence", "Tartus",
                     actor="RU"),
    "unit-is-somewhere": Row("The 101st Airborne Division is in Romania.", "presence",
                             "Romania"),
    "occupy-object-is-where": Row("Russian forces continue to occupy parts of Zaporizhzhia.",
                                  "presence", "Zaporizhzhia", actor="RU"),
    "siege": Row("The RSF besieged El Fasher for months.", "presence", "El Fasher",
                 actor="RSF"),
    "spotted-ship": Row("A Chinese spy ship was spotted off Okinawa.", "presence", "Okinawa",
                        actor="CN"),
    "rebels-are-a-force": Row("The M23 rebels have vowed to seize Goma.", "deployment",
                              "Goma", actor="M23", modality=None),
    "joint-drills-1": Row("India and France concluded the Varuna naval exercise off Goa.",
                          "exercise", "Goa", actor="IN"),
    "joint-drills-2": Row("India and France concluded the Varuna naval exercise off Goa.",
                          "exercise", "Goa", actor="FR"),
    "joint-drills-owners": Row("Japanese and Australian forces held joint drills in Darwin.",
                               "exercise", "Darwin", actor="AU"),
    "drills-with-partner": Row("The carrier was conducting naval exercises with Italy in the "
                               "Ionian Sea.", "exercise", "Ionian Sea", actor="IT"),
    "demonym-border": Row("Iran's Revolutionary Guard started a military exercise near the "
                          "Azerbaijani border.", "exercise", "AZ", actor="IR"),
    "took-control-of": Row("M23 rebels took control of Goma on Monday.", "deployment", "Goma",
                           actor="M23"),
    "headline-infinitive": Row("US to send 3,000 more troops to Poland", "deployment", "Poland",
                               actor="US", count=3000, modality="planned"),
    "on-their-way-to": Row("The US destroyers were transiting the Bab al-Mandab Strait on "
                           "their way to the Gulf of Aden.", "deployment", "Gulf of Aden",
                           actor="US"),
    "moved-in": Row("Pakistan has moved almost a brigade-size force in the Bagh sector.",
                    "deployment", "Bagh", actor="PK"),
    "advance-on": Row("M23 fighters continued their advance on Goma.", "deployment", "Goma",
                      actor="M23"),
    "story-actor-is-the-most-reported": Row(
        "US troops arrived in Poland. More US troops arrived in Lithuania. Officials spoke. "
        "Houthi fighters entered Sanaa. Officials met. Crowds gathered. People talked. "
        "A destroyer sailed to the Baltic Sea.", "deployment", "Baltic Sea", actor="US"),
    "the-citys-centre": Row("Israeli tanks entered Rafah on Monday. Gunfire was heard as "
                            "Israeli forces pushed deeper into the city's centre.",
                            "deployment", "Rafah", actor="IL"),
    "police-abroad": Row("Kenya sent 400 police officers to Haiti.", "deployment", "Haiti",
                         actor="KE", count=400),
    "country-captures": Row("Russia captured the town of Avdiivka.", "deployment", "Avdiivka",
                            actor="RU"),
    "host-with-a-place": Row("Romania hosts NATO's battlegroup at Cincu.", "presence",
                             "Cincu", actor="NATO"),
    "year-like-count": Row("2000 Russian troops arrived in Belarus.", "deployment", "Belarus",
                           actor="RU", count=2000),
    "was-to-is-planned": Row("Biden said the US was to send more troops to Germany.",
                             "deployment", "Germany", actor="US", modality="planned"),
    "dateline-is-no-subject": Row("Bamako, February 2, 2022 - Germany will send 300 troops "
                                  "to Gao.", "deployment", "Gao", actor="DE", count=300,
                                  modality=None),
    "story-actor-fills-the-gap": Row(
        "MONUSCO began its withdrawal from South Kivu in January. The mission said on Friday "
        "that it had closed its office. A ceremony took place. Officials spoke. Children sang. "
        "About 2,000 troops will leave Uvira by the end of April.", "withdrawal", "Uvira",
        actor="UN", modality="planned"),
    "preposition-on-a-modifier": Row(
        "Nearly 900 Turkish soldiers were deployed to the breakaway Caucasus region of "
        "Abkhazia.", "deployment", "Abkhazia", actor="TR", count=900),
    "region-of-a-country": Row("About 600 Italian soldiers were sent to the remote Sahel "
                               "region of Niger.", "deployment", "Niger", actor="IT", count=600),
    "nationality-of-a-town": Row("Turkish troops withdrew from a northern Syrian town on "
                                 "Friday.", "withdrawal", "Syrian", actor="TR"),
    "areas-bordering": Row("Iran moved 5,000 troops to areas bordering Azerbaijan.",
                           "deployment", "Azerbaijan", actor="IR", count=5000),
    "they-in-the-clause": Row("Gunmen fired on two Dutch frigates while they were leaving the "
                              "Gulf of Aden.", "withdrawal", "Gulf of Aden", actor="NL",
                              count=2),
    "name-read-as-complement": Row("About 3,000 Wagner fighters reached Bamako.", "deployment",
                                   "Bamako", actor="WAGNER", count=3000),
    "institution-owns-unnamed-troops": Row(
        "The Pentagon said 300 troops left Niamey on Monday.", "withdrawal", "Niamey",
        actor="US", count=300),
    "reporter-is-not-owner": Row(
        "The Georgian news agency said on Monday that Turkish peacekeepers had begun "
        "withdrawing and the first soldiers had left Sukhumi.", "withdrawal", "Sukhumi",
        actor="TR"),
    "weapons-sent-to-a-region-change-hands": Row(
        "Britain sent Challenger tanks to Ukraine's Zaporizhzhia region.", "arms_transfer",
        "Zaporizhzhia region", actor="GB"),
    "drills-at-home": Row("Taiwan's military launched live-fire drills on Wednesday.",
                          "exercise", "Taiwan", actor="TW"),
    "cut-by": Row("The U.S. will trim its forces in South Korea by 4,500.", "withdrawal",
                  "South Korea", actor="US", count=4500, modality="planned"),
    "mission-in-a-place-has-troops": Row("The EU mission in Bosnia has about 1,100 troops.",
                                         "presence", "Bosnia", actor="EU", count=1100),
    "guarding-a-place": Row("Hundreds of Moroccan soldiers guard the berm in Western Sahara.",
                            "presence", "Western Sahara", actor="MA"),
    "place-hung-on-an-oblique": Row("Thai troops remain on high alert along the Cambodian "
                                    "border.", "presence", "Cambodian", actor="TH"),
    "conducting-operations": Row("Egyptian forces are conducting operations in North Sinai.",
                                 "presence", "North Sinai", actor="EG"),
    "hypothetical-suggestion": Row("Macron suggested sending Western ground troops to Ukraine.",
                                   "deployment", "Ukraine", modality="hypothetical"),
    "noun-subject-of-approved": Row("The deployment of 2,000 Polish troops to Lithuania was "
                                    "approved on Monday.", "deployment", "Lithuania",
                                    actor="PL", count=2000, modality="planned"),
    "operating-from-a-base": Row("Russian bombers operate from bases in Belarus.",
                                 "presence", "Belarus", actor="RU"),
    "part-of-a-mission-somewhere": Row("Roughly 4,000 troops from Burundi are part of the "
                                       "AU mission in Somalia.", "presence", "Somalia",
                                       actor="BI", count=4000),
    "ordered-to-withdraw-from-the-country": Row(
        "Mali's junta ordered France to withdraw its 2,400 troops from the country.",
        "withdrawal", "Mali", actor="FR", count=2400, modality=None),
    "headline-infinitive-subject": Row("US to complete withdrawal of all troops from Kabul "
                                       "tomorrow, Afghan media say", "withdrawal", "Kabul",
                                       actor="US", modality="planned"),
    "base-of-one-country-in-another": Row("A new batch of Turkish soldiers have arrived at "
                                          "Turkey's military base in Qatar.", "deployment",
                                          "Qatar", actor="TR"),
    "troops-left-behind": Row("That will leave around 400 Australian personnel on the Solomon "
                              "Islands.", "presence", "Solomon Islands", actor="AU", count=400,
                              modality="planned"),
    "destination-hung-on-a-time": Row("The last convoy of Chadian peacekeepers left Kidal "
                                      "by road this morning for Gao.", "deployment", "Gao",
                                      actor="TD", origin="Kidal"),
    "force-of-several-nations": Row("The last units of the peacekeeping forces from Russia, "
                                    "Belarus and Armenia left Bishkek's airport.", "withdrawal",
                                    "Bishkek", actor="AM"),
    "pulled-from": Row("Qatar has pulled some of its forces from Yemen's southern port city "
                       "of Aden.", "withdrawal", "Aden", actor="QA"),
    "named-ship-read-as-common-noun": Row("The USS Abraham Lincoln remains in the Gulf of "
                                          "Oman.", "presence", "Gulf of Oman", actor="US"),
    "forces-control-a-town": Row("Ugandan forces now control Bunia.", "presence", "Bunia",
                                 actor="UG"),
    "intervened-in": Row("Ethiopian troops intervened in southern Somalia in 2006.",
                         "deployment", "Somalia", actor="ET"),
    "military-trainers": Row("Russia sent military trainers to Niger.", "deployment",
                             "Niger", actor="RU"),
    "ended-its-presence": Row("MINUSCA ended its presence in the Vakaga region today.",
                              "withdrawal", "Vakaga", actor="UN"),
    "bases-returned": Row("France on Thursday returned its last military bases in Chad.",
                          "withdrawal", "Chad", actor="FR"),
    "tanks-sent-into-a-town": Row("The army said it had sent tanks into Kherson on Monday.",
                                  "deployment", "Kherson"),
    "past-weekday-is-asserted": Row("The U.S. military withdrew its personnel from the base "
                                    "in Niamey on Sunday.", "withdrawal", "Niamey",
                                    actor="US"),
    "past-month-is-asserted": Row("Russian troops were ousted from the region of Kharkiv "
                                  "in September.", "withdrawal", "Kharkiv", actor="RU"),
    "driven-from": Row("Russian forces were driven from Kherson in November.", "withdrawal",
                       "Kherson", actor="RU"),
    "drove-out-is-the-objects": Row("Ukrainian forces drove Russian troops out of Kharkiv.",
                                    "withdrawal", "Kharkiv", actor="RU"),
    "fled": Row("Russian forces fled Kherson on Friday.", "withdrawal", "Kherson",
                actor="RU"),
    "present-in-1": Row("UN peacekeepers are still present in South Kivu, North Kivu and "
                        "Ituri.", "presence", "South Kivu", actor="UN"),
    "present-in-3": Row("UN peacekeepers are still present in South Kivu, North Kivu and "
                        "Ituri.", "presence", "Ituri", actor="UN"),
    "mission-present-in": Row("The UN mission, which has around 15,000 peacekeepers, is "
                              "still present in three provinces, namely South Kivu, North "
                              "Kivu and Ituri.", "presence", "North Kivu", actor="UN"),
    "military-presence": Row("Russia maintains a military presence in Transnistria.",
                             "presence", "Transnistria", actor="RU"),
    "presence-expanded": Row("The U.S. has expanded its naval presence in the Red Sea.",
                             "deployment", "Red Sea", actor="US"),
    "presence-escalated-by-a-military": Row("The U.S. military has escalated its presence "
                                            "in the Caribbean Sea.", "deployment",
                                            "Caribbean Sea", actor="US"),
    "presence-reduced": Row("Washington will reduce its military presence in Iraq next "
                            "year.", "withdrawal", "Iraq", actor="US", modality="planned"),
    "base-near-the-airport-in": Row("The U.S. military withdrew its personnel from the base "
                                    "near the airport in Niamey.", "withdrawal", "Niamey",
                                    actor="US"),
    "conjunct-of-a-participle": Row("Ethiopian troops intervened in southern Somalia in Dec. "
                                    "2006 and withdrew by Jan. 2009, but returned to Gedo, "
                                    "Bakool and Hiran in early 2012.", "deployment", "Hiran",
                                    actor="ET"),
    "trained-1": Row("About 2,000 Japanese troops and 600 Indian soldiers, along with 30 "
                     "French troops, trained near Sapporo.", "exercise", "Sapporo",
                     actor="JP", count=2000),
    "trained-3": Row("About 2,000 Japanese troops and 600 Indian soldiers, along with 30 "
                     "French troops, trained near Sapporo.", "exercise", "Sapporo",
                     actor="FR", count=30),
    "practised": Row("Polish and Lithuanian soldiers practised river crossings in Suwalki.",
                     "exercise", "Suwalki", actor="LT"),
    "sent-to-train": Row("Pyongyang sent about 3,000 soldiers to train in eastern Russia.",
                         "deployment", "Russia", actor="KP", count=3000),
    "rebels-are-the-group-named-last": Row("ADF militants attacked Beni in June. M23 "
                                           "fighters seized Rubaya last year. The rebels "
                                           "advanced on Goma on Sunday.", "deployment",
                                           "Goma", actor="M23"),
    "drill-servicemen-from-each": Row("About 2,500 servicemen from Kazakhstan, Kyrgyzstan, "
                                      "Russia and Tajikistan will take part in the drills in "
                                      "Aktau.", "exercise", "Aktau", actor="KG", count=2500,
                                      modality="planned"),
    "drill-joined-by-participants-from": Row("The two-week exercise will be held in East Java "
                                             "and is being joined by participants from "
                                             "Australia, Japan and France.", "exercise",
                                             "East Java", actor="JP", modality="planned"),
    "drill-hyphenated-partners": Row("Russian aircraft arrived in Tajikistan for a joint "
                                     "Russia-Tajik antiterrorism exercise near Dushanbe.",
                                     "exercise", "Dushanbe", actor="TJ"),
    "drill-contingents-including": Row("The exercise in Riyadh will see contingents from 20 "
                                       "countries, including Pakistan and Egypt.", "exercise",
                                       "Riyadh", actor="EG", modality="planned"),
    "drill-named-partners-deep": Row("The 18th India-Nepal combined battalion level military "
                                     "training Exercise, Surya Kiran, commenced at Butwal in "
                                     "Nepal on Tuesday.", "exercise", "Butwal", actor="IN"),
    "named-port-of-a-country": Row("Russian warships arrived at Vietnam's Cam Ranh port on "
                                   "Monday.", "deployment", "Cam Ranh", actor="RU"),
    "war-games-by-a-capital": Row("Drills were held after Beijing staged war games around "
                                  "Taiwan.", "exercise", "Taiwan", actor="CN"),
    "airlifted-for": Row("Thirty Fijian soldiers were airlifted for Tongatapu on Monday.",
                         "deployment", "Tongatapu", actor="FJ", count=30),
    "flew-out-of-for": Row("US paratroopers flew out of Fort Bragg for Poland.", "deployment",
                           "Poland", actor="US", origin="Fort Bragg"),
    "flew-out-of": Row("US troops flew out of Kabul on Monday.", "withdrawal", "Kabul",
                       actor="US"),
    "drill-between-begins-in": Row("A joint exercise between India and France began in "
                                   "Jodhpur.", "exercise", "Jodhpur", actor="FR"),
    "drill-hyphen-apposition": Row("The joint Russia-Belarus exercise took place near Brest.",
                                   "exercise", "Brest", actor="BY"),
    "drove-out-of-hung-on-troops": Row("Ukrainian forces drove Russian troops out of Kupiansk "
                                       "last week.", "withdrawal", "Kupiansk", actor="RU"),
    "mission-reduces-presence": Row("The UN mission will reduce its presence in Mali.",
                                    "withdrawal", "Mali", actor="UN", modality="planned"),
    "initials-end-a-sentence": Row("Fighting continued in the Central African Republic. "
                                   "Russian troops were deployed to CAR.", "deployment",
                                   "Central African Republic", actor="RU"),
    "airfield-is-no-actor": Row("About 300 US marines flew out of Darwin's RAAF base today.",
                                "withdrawal", "Darwin", actor="US", count=300),
    "whose-forces": Row("Russia, whose troops withdrew from Kherson in November, shelled the "
                        "city.", "withdrawal", "Kherson", actor="RU"),
    "drill-troops-from-two": Row("Troops from Mongolia and India held joint drills near "
                                 "Ulaanbaatar.", "exercise", "Ulaanbaatar", actor="IN"),
    "air-force-by-its-name": Row("The RAAF will deploy two aircraft to Honiara on Monday.",
                                 "deployment", "Honiara", actor="AU", modality="planned"),
    "ship-prefix-as-head": Row("HMAS Tobruk will arrive in Townsville today.", "deployment",
                               "Townsville", actor="AU", modality="planned"),
    "escalation-of-presence": Row("Uganda's escalation of its military presence in eastern "
                                  "Congo is bound to anger Kinshasa.", "deployment", "Congo",
                                  actor="UG"),
    "list-of-countries-stays-a-list": Row("French troops withdrew from Mali, Niger and "
                                          "Burkina Faso.", "withdrawal", "Niger", actor="FR"),
    "join-the-efforts": Row("Egyptian forces are expected to join the AU-led stabilization "
                            "efforts in Somalia.", "deployment", "Somalia", actor="EG",
                            modality="planned"),
    "title-case-headline": Row("Israeli Tanks Enter Rafah As Ceasefire Talks Stall",
                               "deployment", "Rafah", actor="IL"),
    "title-case-verb-read-as-noun": Row("Chad Expels French Troops From N'Djamena",
                                        "withdrawal", "N'Djamena", actor="FR"),
    "its-border-is-the-speakers": Row("Ukrainian officials say more than 90,000 Russian "
                                      "troops have been deployed along its border.",
                                      "presence", "UA", actor="RU", count=90000),
    "accumulated-along": Row("Tens of thousands of Russian soldiers have accumulated along "
                             "the border with Ukraine.", "presence", "UA", actor="RU"),
    "bank-of-a-river-in-a-region": Row(
        "Russia said it completed the withdrawal of troops from the western bank of the "
        "Dnipro river in Ukraine's southern Kherson region.", "withdrawal", "Kherson region",
        actor="RU"),
    "un-with-dots": Row("The U.N. mission withdrew from Bukavu on Tuesday.", "withdrawal",
                        "Bukavu", actor="UN"),
    "mission-by-name-keeps-a-presence": Row("MONUSCO has maintained a presence in Congo for "
                                            "13 years.", "presence", "Congo", actor="UN"),
    "also-pulled-back": Row("Chinese troops pulled back in the Galwan valley. Indian "
                            "soldiers also pulled back.", "withdrawal", "Galwan", actor="IN"),
    "also-sent": Row("France sent 500 troops to Estonia on Monday. Britain also sent 300 "
                     "soldiers.", "deployment", "Estonia", actor="GB", count=300),
    "two-nations-one-misread": Row("Troops from Kenya and Uganda arrived in Mogadishu.",
                                   "deployment", "Mogadishu", actor="KE", origin=None),
    "mission-led-by-arrives": Row("The multinational force led by Kenya arrived in Haiti on "
                                  "Tuesday.", "deployment", "Haiti", actor="KE"),
    "border-with-in-a-region": Row("Indian troops have accumulated along the border with "
                                   "China in Ladakh.", "presence", "Ladakh", actor="IN"),
    "called-at-a-port": Row("Russian warships called at Havana on Wednesday.", "deployment",
                            "Havana", actor="RU"),
    "named-exercise-involves-from": Row("Exercise Talisman Sabre in Australia involves troops "
                                        "from 13 nations including the United States, Japan "
                                        "and France.", "exercise", "Australia", actor="JP"),
    "its-departure-from-the-country": Row("Somalia's army took over. The peacekeeping force "
                                          "ATMIS completed the second phase of its departure "
                                          "from the country.", "withdrawal", "Somalia",
                                          actor="AFRICAN_UNION"),
    "group-keeps-a-presence": Row("Al-Shabaab has maintained a presence in Lower Juba.",
                                  "presence", "Lower Juba", actor="ALSHABAAB"),
    "also-with-a-two-word-demonym": Row("Rwandan troops arrived in Cabo Delgado.\nSouth "
                                        "African troops also arrived.", "deployment",
                                        "Cabo Delgado", actor="ZA"),
    "a-states-departure": Row("France began the second phase of its departure from Niger.",
                              "withdrawal", "Niger", actor="FR"),
    "blue-helmets": Row("Some 2,000 U.N. blue helmets were deployed to Bangui.", "deployment",
                        "Bangui", actor="UN", count=2000),
    "the-solomons": Row("Australia initially deployed 1,400 personnel to the Solomons in July.",
                        "deployment", "SB", actor="AU", count=1400),
    "drill-host-country-and-contingents": Row(
        "Saudi Arabia is set to hold the largest military exercise, which will see contingents "
        "from 20 countries, including Pakistan.", "exercise", "Saudi Arabia", actor="PK",
        modality="planned"),
    "drill-nations-such-as": Row("The military exercise in Saudi Arabia involves troops from "
                                 "Islamic countries such as Pakistan, Malaysia and Egypt.",
                                 "exercise", "Saudi Arabia", actor="MY"),
    "departed-for-a-purpose-somewhere": Row(
        "French troops left Gao on Monday to reinforce the garrison in Timbuktu.",
        "deployment", "Timbuktu", actor="FR", origin="Gao"),
    "mission-which-has-n": Row("The UN mission, which currently has around 15,000 "
                               "peacekeepers, is still present in South Kivu.", "presence",
                               "South Kivu", actor="UN", count=15000),
    "left-the-capital-to-support": Row("Chadian soldiers left N'Djamena to support operations "
                                       "in northern Mali.", "deployment", "Mali", actor="TD",
                                       origin="N'Djamena"),
    "port-call": Row("Two Chinese warships made a port call in Colombo.", "deployment",
                     "Colombo", actor="CN", count=2),
    "ship-visited": Row("The USS Carl Vinson visited Da Nang on Monday.", "deployment",
                        "Da Nang", actor="US"),
    "paid-a-visit": Row("Chinese warships paid a visit to Sihanoukville.", "deployment",
                        "Sihanoukville", actor="CN"),
    "join-the-mission": Row("About 500 Kenyan soldiers will join the mission in Haiti.",
                            "deployment", "Haiti", actor="KE", count=500, modality="planned"),
    "joined-the-fighting": Row("North Korean troops joined the fighting in Kursk last week.",
                               "deployment", "Kursk", actor="KP"),
    "soldiers-from-nations-arrive": Row("Soldiers from Ghana, Senegal and Ivory Coast arrived "
                                        "in Benin.", "deployment", "Benin", actor="SN",
                                        origin=None),
    "led-by-owns": Row("Citing an Iraqi source, the coalition forces led by the United States "
                       "will withdraw from their bases in Iraq.", "withdrawal", "Iraq",
                       actor="US", modality="planned"),
    "drill-from-hung-on-verb": Row("The exercise in Saudi Arabia involves troops from 20 "
                                   "countries including Pakistan, Malaysia and Egypt.",
                                   "exercise", "Saudi Arabia", actor="MY"),
    "bases-handed-over-in-two": Row("The peacekeepers handed over bases in Kidal and "
                                    "Tessalit.", "withdrawal", "Tessalit"),
}

NO_EVENT: dict[str, tuple[str, str]] = {
    # sentence, place that must hold no military event
    "agreement-is-no-place": ("The US withdrew from the Paris climate agreement.", "Paris"),
    "a-leaders-visit-is-no-deployment": ("Putin's visit to Beijing was his first since the "
                                         "war. The visit comes as troops mass in Belarus.",
                                         "Beijing"),
    "an-organisations-presence-is-no-force": ("The UN has maintained a presence in Geneva "
                                              "for decades.", "Geneva"),
    "a-delegation-arriving-is-no-force": ("The Hamas delegation arrived in Cairo for talks.",
                                          "Cairo"),
    "a-minister-calling-at-an-embassy": ("The minister called at the embassy in Paris.",
                                         "Paris"),
    "leaving-a-council-is-no-move": ("Russia's departure from the Council of Europe was "
                                     "expected.", "Europe"),
    "joined-forces-with": ("Kenya joined forces with Somalia in Kismayo.", "Kismayo"),
    "joined-the-alliance": ("Finnish troops celebrated as Finland joined NATO in Helsinki.",
                            "Helsinki"),
    "ambassador-is-no-force": ("Israel withdrew its ambassador from Turkey.", "Turkey"),
    "watcher-is-no-exercise-place": ("Officials from Warsaw watched the NATO exercises.",
                                     "Warsaw"),
    "incursion-out-of-is-no-withdrawal": ("Hamas launched its incursion out of Gaza on "
                                          "Saturday.", "Gaza"),
    "force-nationality-is-no-place": ("The official told AP that the reduction would see "
                                      "1,000 US troops left in Syria.", "US"),
    "delegation-is-no-force": ("A Hamas delegation arrived in Cairo for ceasefire talks.",
                               "Cairo"),
    "speaker-is-no-drill-place": ("In a statement, the Pakistan army said 3,000 soldiers "
                                  "took part in the drills.", "Pakistan"),
    "jobs-cut-are-no-force": ("The army will cut 2,000 jobs in Wales.", "Wales"),
    "a-road-cut-is-no-move": ("Russian forces cut the main road to Kharkiv.", "Kharkiv"),
    "they-are-the-nearest-people": ("Russian soldiers detained two journalists after they "
                                    "entered Kherson.", "Kherson"),
    "setting-out-from-home": ("A fresh rotation of 170 Kenyan personnel will depart "
                              "Nairobi this week.", "Nairobi"),
    "force-naming-country-is-no-drill-place": ("US and Australian units also practised a "
                                               "joint response.", "US"),
    "talks-are-no-place": ("Israel withdrew from the talks in Cairo.", "Cairo"),
    "tournament-is-no-place": ("Italy withdrew from the tournament in Germany.", "Germany"),
    "police-at-home": ("Police officers were deployed to Manchester city centre after the "
                       "match.", "Manchester"),
    "civil-reinforcements": ("Firefighting reinforcements arrived in Maui from California.",
                             "California"),
    "protesters-are-no-force": ("A 300-strong group of protesters marched on parliament in "
                                "Tbilisi.", "Tbilisi"),
    "merchant-ship": ("The cruise ship Queen Mary docked in New York.", "New York"),
    "supply-ships": ("Ships carrying essential supplies docked in Gaza.", "Gaza"),
    "embassy-is-no-base": ("France closed its embassy in Niamey.", "Niamey"),
    "year-is-no-count": ("Relations soured in October 2019 when the talks collapsed in Doha.",
                         "Doha"),
    "evacuating-others": ("Officials accuse Georgia of massing tanks and infantry near the "
                          "zone, and say they have evacuated women and children from "
                          "Tskhinvali.", "Tskhinvali"),
    "a-date-is-no-force": ("Members will have a training session on March 30 in Dublin.",
                           "Dublin"),
    "practising-medicine": ("He started practicing in Mount Pleasant in 2001.",
                            "Mount Pleasant"),
    "where-of-a-common-noun": ("Fiji's contingent has been divided into two groups, where "
                               "32 of the 51 personnel were airlifted on a C-17.", "Fiji"),
    "participant-is-no-drill-place": ("Norwegian soldiers will be supported by allied forces "
                                      "from 15 NATO countries, including the United States, "
                                      "when the winter exercise kicks off in mid-March.",
                                      "United States"),
    "company-present-in": ("The company is present in France, Germany and Spain.",
                           "France"),
    "fire-drill": ("Students held a fire drill in Leeds. About 300 pupils took part in the "
                   "drill.", "Leeds"),
    "letter-of-protest-sent": ("The minister sent a letter of protest to Moscow.", "Moscow"),
    "fighting-for-a-cause": ("The activists are fighting for peace in Gaza.", "Gaza"),
    "office-opened": ("The company opened a new office in Berlin.", "Berlin"),
    "stock-positions": ("The bank took up positions in Tesla stock in New York.", "New York"),
    "research-base": ("Japan built a research base in Antarctica.", "Antarctica"),
    "fan-base": ("Turkey's football federation is building a fan base in Germany.", "Germany"),
    "fleet-of-buses": ("The company sent a fleet of 40 buses to Paris.", "Paris"),
    "reinforcements-of-doctors": ("Germany sent reinforcements of doctors to Italy.", "Italy"),
    "steel-reinforcements": ("China sent steel reinforcements to the bridge project in "
                             "Serbia.", "Serbia"),
    "a-bout": ("UFC fighters are fighting in Abu Dhabi this weekend.", "Abu Dhabi"),
    "police-deployed-at-home": ("French police were deployed in Paris on Saturday.", "Paris"),
    "doctor-practised": ("The doctor practised medicine in Kenya.", "Kenya"),
    "played-war-games": ("Students played war games on their laptops in Seoul.", "Seoul"),
    "brought-together-from": ("The exercise brought together servicemen from Kazakhstan, "
                              "Kyrgyzstan and Tajikistan near Bishkek.", "Kazakhstan"),
    "casualties-are-no-presence": ("Militants killed 15 soldiers along Tunisia's border "
                                   "with Algeria.", "Tunisia"),
    "trainers-are-no-drill": ("British instructors trained Ukrainian recruits in "
                              "Salisbury.", "Salisbury"),
    "diplomatic-presence": ("China has a diplomatic presence in Kabul.", "Kabul"),
    "presence-of-civilians": ("The presence of civilians in Gaza complicates the operation.",
                              "Gaza"),
    "company-presence": ("The company has a strong presence in Germany.", "Germany"),
    "diplomats-expelled": ("Ukraine expelled Russian diplomats from Kyiv.", "Kyiv"),
    "journalists-expelled": ("The government expelled the journalists from Moscow.",
                             "Moscow"),
    "driving-a-car": ("The minister drove from Kyiv to Lviv.", "Lviv"),
    "civilians-fled": ("Thousands of civilians fled Kherson on Friday.", "Kherson"),
    "minister-present": ("The minister was present in Kyiv for the talks.", "Kyiv"),
}

ABSENT: dict[str, tuple[str, str | None, str]] = {
    # sentence, actor that must not own an event there, place
    "city-then-its-country-is-one-place": (
        "The Russian frigate has departed from Tartus, Syria, and set sail for the "
        "Mediterranean Sea.", "RU", "Syria"),
    "city-then-its-province-is-one-place": (
        "Russian troops withdrew from Kharkiv, Kharkiv Oblast, and from Izium.", "RU",
        "Kharkiv Oblast@admin1"),
    "its-border-is-not-the-forces-own": (
        "Poland says Belarusian troops have gathered along its border.", "BY", "Belarus"),
    "a-river-is-no-town": ("All Russian servicemen crossed to the left bank of the Dnipro "
                           "River.", "RU", "Dnipro@city"),
    "also-reaches-back-one-sentence-only": (
        "France sent 500 troops to Estonia on Monday. Prices rose. Markets fell. Britain "
        "also sent 300 soldiers.", "GB", "Estonia"),
    "an-army-sent-to-a-country-is-not-its": ("The army sent thirty-two soldiers to Tonga.",
                                             "TO", "Tonga"),
    "leaving-to-join-relatives-is-no-deployment": (
        "American soldiers left Germany to join relatives in Texas.", "US", "Texas"),
    "a-drill-with-a-partner-is-not-held-at-home": (
        "China will hold joint naval drills with Russia.\nThe drills will take place in the "
        "Sea of Japan.", "RU", "China"),
    "us-troops-from-two-bases-keep-origin": (
        "US troops from Germany and Italy will move to Poland.", "DE", "Poland"),
    "the-last-nation-is-not-every-soldiers": (
        "Soldiers from Ghana, Senegal and Ivory Coast arrived in Benin.", "CI", "Ghana"),
    "destination-is-not-actor": ("Germany sent 1,500 soldiers to Lithuania.", "LT",
                                 "Lithuania"),
    "base-country-is-not-actor": (
        "Another 1,000 American soldiers already based in Italy will move to Hungary.", "IT",
        "Hungary"),
    "host-is-not-owner": ("Poland hosts about 10,000 American troops.", "PL", "Poland"),
    "rebels-are-not-the-storys-army": (
        "The Pentagon said 3,000 US troops arrived in Poland. Officials spoke. Prices rose. "
        "Markets fell. Rain came. Rebels seized the town of Goma in eastern Congo.", "US",
        "Goma"),
    "withdrawal-needs-the-same-actor": ("About 1,500 Italian soldiers are stationed in "
                                        "Kosovo. The first convoy of Spanish soldiers had "
                                        "departed.", "ES", "Kosovo"),
    "rebels-are-not-their-countrys-army": ("Congolese rebels advanced on Bukavu.", "CD",
                                           "Bukavu"),
    "the-foe-is-no-presence": ("Saudi Arabia is involved in a military offensive against "
                               "Houthi rebels in Yemen.", "HOUTHIS", "Yemen"),
    "each-force-its-own-place": ("Some 900 US troops are in Syria and 2,500 British troops "
                                 "in Iraq.", "GB", "Syria"),
    "pro-russian-is-not-russian": ("Pro-Russian fighters seized government buildings in "
                                   "Sloviansk.", "RU", "Sloviansk"),
    "proxies-are-not-the-backers": ("Some 2,000 Iranian-backed fighters crossed into Syria "
                                    "from Iraq.", "IR", "Syria"),
    "rebels-are-not-their-foe": ("Syrian rebels pushed into Raqqa province. Islamic State "
                                 "fighters ambushed them near Tabqa.", "ISIS", "Raqqa"),
    "home-troops-are-not-the-foes": ("Soldiers patrolled the streets of Kyiv on Tuesday. "
                                     "Russia has deployed 50,000 troops to the Kursk region.",
                                     "RU", "Kyiv"),
    "another-navys-northern-fleet": ("Ships of China's Northern Fleet entered the Yellow "
                                     "Sea.", "RU", "Yellow Sea"),
    "rebels-are-not-the-mission": ("Rebels entered Goma on Monday. MONUSCO peacekeepers left "
                                   "Bukavu.", "UN", "Goma"),
    "rebels-are-not-the-company": ("Rebels entered Goma on Monday. Wagner mercenaries left "
                                   "Bangui.", "WAGNER", "Goma"),
    "partner-is-not-owner": ("The soldiers, who arrived in Vilnius on Monday, will train "
                             "with Lithuanian units.", "LT", "Vilnius"),
    "their-families-are-no-force": ("American troops arrived in Poland with their families "
                                    "from Germany.", "DE", "Poland"),
    "welcoming-crowd-is-no-force": ("Some 3,000 US troops arrived in Poland, where 20,000 "
                                    "Poles in Warsaw welcomed them.", "PL", "Warsaw"),
    "rebels-are-not-a-later-army": ("Rebels advanced on Goma on Sunday. Rwandan troops "
                                    "crossed into Congo.", "RW", "Goma"),
    "rebels-are-not-the-last-events-army": ("US troops arrived in Poland. The rebels "
                                            "advanced on Goma on Sunday.", "US", "Goma"),
    "victor-is-not-who-is-driven-out": ("Ukrainian forces drove Russian troops out of "
                                        "Kharkiv.", "UA", "Kharkiv"),
    "the-enemy-struck-is-not-owner": ("Ukrainian troops repelled Russian soldiers near "
                                      "Bakhmut, and 200 troops withdrew from Avdiivka.", "RU",
                                      "Avdiivka"),
    "thanks-to-is-no-destination": ("Thanks to Finnish forces in Lapland, many Russian "
                                    "troops have been pulled away from other areas.", "RU",
                                    "Lapland"),
    "seer-is-not-owner": ("Taiwan detected 11 warships near Penghu.", "TW", "Penghu"),
    "sender-of-relative-is-not-location": (
        "The troops, who had been stationed in Niger, left for Chad.", "NE", "Chad"),
}


@functools.cache
def _events(text: str) -> tuple[Event, ...]:
    return extract_article(Article("g", text, date=PUBLISHED), load_gazetteer(), grammar=True
                           ).events


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_construction(row: Row) -> None:
    """The sentence gives the event its construction says."""
    problem = fits(_events(row.text), (row.type,), row.at, row)
    assert not problem, problem


@pytest.mark.parametrize(("text", "actor", "place"), ABSENT.values(), ids=ABSENT.keys())
def test_actor_follows_the_force(text: str, actor: str | None, place: str) -> None:
    """The country a force is in or going to is not, by that alone, its actor."""
    wrong = [e for e in _events(text) if e.actor == actor and at(e, place)]
    assert not wrong, listing(tuple(wrong))


@pytest.mark.parametrize(("text", "place"), NO_EVENT.values(), ids=NO_EVENT.keys())
def test_no_military_event(text: str, place: str) -> None:
    """A sentence that moves no force gives no military event at its place."""
    wrong = [e for e in _events(text) if at(e, place) and e.type in (
        "deployment", "presence", "withdrawal", "exercise")]
    assert not wrong, listing(tuple(wrong))


@pytest.mark.parametrize(("text", "place"), [
    ("Over 4,000 fighters from Lebanon's Hezbollah have reached Aleppo.", "Lebanon"),
    ("Pakistan has moved fresh troops to the Line of Control in Kashmir.", "Kashmir"),
])
def test_no_false_origin(text: str, place: str) -> None:
    """An owner ("from Lebanon's Hezbollah") or a place locating the destination is no
    origin."""
    wrong = [e for e in _events(text) if e.origin is not None and at(e, place)
             and e.origin.text == place]
    assert not wrong, listing(tuple(wrong))


def test_a_ship_named_for_a_person_is_no_visit() -> None:
    """ "HMS Queen Elizabeth arrived" is a warship, not a queen's visit."""
    events = _events("HMS Queen Elizabeth arrived in Portsmouth on Monday.")
    assert not [e for e in events if e.type == "diplomatic_visit"], listing(events)


def test_what_is_reached_is_no_force() -> None:
    """Troops reach a place; what is reached is not moved ("until it reaches the 400
    troops in Syria")."""
    text = ("The military will then reduce the number of forces every six months or so, until "
            "it reaches the 400 troops in Syria that Mr. Trump approved in February.")
    wrong = [e for e in _events(text) if e.type == "deployment"]
    assert not wrong, listing(tuple(wrong))


def test_rules_alone_still_work() -> None:
    """``grammar=False`` reads with the word-order rules only (no parser loaded)."""
    text = ROWS["transitive-send"].text
    events = extract_article(Article("g", text, date=PUBLISHED), load_gazetteer(),
                             grammar=False).events
    assert any(e.type == "deployment" and e.destination is not None
               and e.destination.text == "Lithuania" for e in events), listing(events)


def test_each_drill_participant_once() -> None:
    """Each nation a drill names takes part once: no event of no one's lent the first."""
    events = _events("Exercise African Lion in Morocco involves troops from 20 nations "
                     "including Tunisia, Senegal and Ghana.")
    assert sorted(e.actor or "" for e in events if e.type == "exercise") == ["GH", "SN", "TN"]
