package opendata

import (
	"strings"
	"testing"
)

func TestSplitInstitutions(t *testing.T) {
	tests := []struct {
		name, cell string
		want       []string
	}{
		{"absent", "NA", nil},
		{"absent N/A", " N/A ", nil},
		{"one", "Ministry of Justice", []string{"Ministry of Justice"}},
		{"trailing space and break", "Ministry of Justice  \n", []string{"Ministry of Justice"}},
		{"commas", "Ministry of Information, Information Commissioner, Ministry of Justice",
			[]string{"Ministry of Information", "Information Commissioner", "Ministry of Justice"}},
		{"semicolons", "Commission for the Prevention of Corruption; Ministry of Justice",
			[]string{"Commission for the Prevention of Corruption", "Ministry of Justice"}},
		{"commas inside parentheses", "FCID, All organizations interested in anti-corruption efforts (Civil Society, Private Sector)",
			[]string{"FCID", "All organizations interested in anti-corruption efforts (Civil Society, Private Sector)"}},
		{"ministry with commas in its name", "Ministry of Local Government, Decentralisation, and Rural Development",
			[]string{"Ministry of Local Government, Decentralisation, and Rural Development"}},
		{"ministry name then a list", "Ministry of Gender, Children and Social Protection, Ministry of Local Government, Decentralization and Rural Development",
			[]string{"Ministry of Gender, Children and Social Protection", "Ministry of Local Government, Decentralization and Rural Development"}},
		{"acronym after a ministry is a body", "Ministry of Finance, GHEITI, Ministry of Petroleum",
			[]string{"Ministry of Finance", "GHEITI", "Ministry of Petroleum"}},
		{"bullets", "●        Parliamentary Modernization Program\n●        Office of Transparency\n",
			[]string{"Parliamentary Modernization Program", "Office of Transparency"}},
		{"private-use bullets inline", "State actors involved \uf0b7 Ministry of Mines (MMMR) \uf0b7 National Minerals Agency (NMA)",
			[]string{"Ministry of Mines (MMMR)", "National Minerals Agency (NMA)"}},
		{"lettered list", "(a)        Secretary General,\n(b)        Head of Parliamentary Expertise Agency\n(c)        Deputy for Sessions.",
			[]string{"Secretary General", "Head of Parliamentary Expertise Agency", "Deputy for Sessions"}},
		{"numbered inline", "1. Provincial Government of Bohol 2. Provincial Government of Albay",
			[]string{"Provincial Government of Bohol", "Provincial Government of Albay"}},
		{"lines typed as a list", "House of Representatives \n Brazilian Senate\n Municipal Chamber of Piracicaba",
			[]string{"House of Representatives", "Brazilian Senate", "Municipal Chamber of Piracicaba"}},
		{"lines without commas", "Ministry of Culture and Information\nBusiness Registers Agency",
			[]string{"Ministry of Culture and Information", "Business Registers Agency"}},
		{"wrapped comma list", "Ministry of Finance and Economy, The National Agency of\nInformation Society, Albanian School of Public Administration, Line\nMinistries",
			[]string{"Ministry of Finance and Economy", "The National Agency of Information Society", "Albanian School of Public Administration", "Line Ministries"}},
		{"wrap before a parenthesis", "Unit for Access to Public Information\n(UAIP).", []string{"Unit for Access to Public Information (UAIP)"}},
		{"hyphenated wrap in a dashed list", "- Office of the Public Defender of the City of Bue-\n nos Aires\n- Directorio Legislativo",
			[]string{"Office of the Public Defender of the City of Buenos Aires", "Directorio Legislativo"}},
		{"two ministries joined by &", "Ministry of the Interior and Kingdom Relations & \nMinistry of Security and Justice",
			[]string{"Ministry of the Interior and Kingdom Relations", "Ministry of Security and Justice"}},
		{"template headings", "State actors involved Ministry of Justice \n\nCSOs, private sector, multilaterals, working groups Open Society Foundation",
			[]string{"Ministry of Justice", "Open Society Foundation"}},
		{"heading is not a prefix of a longer word", "Red de transparencia, OSC, sector privado, organizaciones multilaterales, grupos de trabajos involucrados",
			[]string{"Red de transparencia", "OSC", "sector privado", "organizaciones multilaterales", "grupos de trabajos involucrados"}},
		{"sentences", "Congreso de la República. Senado", []string{"Congreso de la República", "Senado"}},
		{"abbreviation is no sentence end", "Mr. Erik Iriskulbekov", []string{"Mr. Erik Iriskulbekov"}},
		{"long remark dropped", "State Electoral Commission (editorial note: the Ministry is the lead institution for activity 6.1.)",
			[]string{"State Electoral Commission"}},
		// Repeats are found by i18n.Fold, as the store matches organisations;
		// it lowercases I to ı, so "MINISTRY" would count as another name.
		{"etc and repeats dropped", "Minister for Local Affairs (MLA), Ministry of Justice, ministry of  justice, etc.",
			[]string{"Minister for Local Affairs (MLA)", "Ministry of Justice"}},
		{"html entity", "Confédération Générale des Entreprises de Côte d&#39;Ivoire", []string{"Confédération Générale des Entreprises de Côte d'Ivoire"}},
	}
	for _, tt := range tests {
		got := SplitInstitutions(tt.cell)
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") || len(got) != len(tt.want) {
			t.Errorf("%s: SplitInstitutions(%q)\n got %q\nwant %q", tt.name, tt.cell, got, tt.want)
		}
	}
}
