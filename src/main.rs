fn main() {
    ict_index::run();
}
