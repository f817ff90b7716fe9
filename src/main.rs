fn main() {
    chatcart::start();
}
