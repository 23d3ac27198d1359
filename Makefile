# The two commands of README, and a few for developers.
.PHONY: run test build web format tidy clean

# Build the release binary and the web app, load the demo data set, serve http://127.0.0.1:8080
run: build web
	./build/release/iifund demo
	./build/release/iifund serve

# Every test: C++ unit, store + API on SQLite and PostgreSQL, front end, browser, ASan+UBSan.
test:
	scripts/test

build:
	scripts/setup
	cmake --preset release >/dev/null
	cmake --build --preset release

web:
	scripts/setup
	cd web && npm run build

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

# clang-tidy on the C++ files changed in the last commit (or: make tidy FILES="src/a.cpp src/b.cpp").
tidy:
	scripts/tidy $(FILES)

clean:
	rm -rf build web/dist
