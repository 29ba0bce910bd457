package org.dlcourse;

import org.dlcourse.data.Checksums;
import org.dlcourse.data.PreparedData;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small tables committed in datasets/: as datasets/README.md describes them. */
class CommittedDataTest {

    @Test
    void readmeChecksumsAndSizesMatchTheCommittedFiles() throws IOException {
        Path home = PreparedData.home();
        String readme = Files.readString(home.resolve("README.md"));
        Matcher row = Pattern.compile("(?m)^\\| ([\\w-]+\\.csv) \\|.*\\| (\\d+) \\| ([0-9a-f]{64}) \\|$").matcher(readme);
        Map<String, String> listed = new LinkedHashMap<>();
        while (row.find()) {
            listed.put(row.group(1), row.group(3));
            assertEquals(Long.parseLong(row.group(2)), Files.size(home.resolve(row.group(1))), row.group(1) + " size");
        }
        assertEquals(3, listed.size(), "README lists cars.csv, seattle-weather.csv, iris.csv: " + listed.keySet());
        for (Map.Entry<String, String> file : listed.entrySet()) {
            assertEquals(file.getValue(), Checksums.sha256(home.resolve(file.getKey())), file.getKey() + " SHA-256");
        }
    }

    @Test
    void carsKeepsAllColumnsAndItsMissingValues() {
        Table cars = Datasets.csv("cars.csv");
        assertEquals(406, cars.rowCount());
        assertEquals(9, cars.columnCount());
        assertEquals(8, cars.column("Miles_per_Gallon").countMissing());
        assertEquals(6, cars.column("Horsepower").countMissing());
    }

    @Test
    void seattleWeatherIsFourYearsOfDailyObservationsAndIrisHasItsKnownShape() {
        Table weather = Datasets.csv("seattle-weather.csv");
        assertEquals(4 * 365 + 1, weather.rowCount(), "2012-2015, one row per day, 2012 a leap year");
        assertEquals(List.of("date", "precipitation", "temp_max", "temp_min", "wind", "weather"), weather.columnNames());
        assertEquals(0, weather.column("temp_max").countMissing());
        Table iris = Datasets.csv("iris.csv");
        assertEquals(150, iris.rowCount());
        assertEquals(5, iris.columnCount());
        assertEquals(3, iris.stringColumn("species").countUnique());
    }
}
